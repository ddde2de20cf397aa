package io.socketway.cli;

import io.socketway.api.ApiDefinition;
import io.socketway.metrics.Prices;
import io.socketway.metrics.UsageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options of {@code socketway run} for usage metering and the cost report ({@code GET /_socketway/usage}).
 *
 * <p>Not thread-safe: picocli fills it on the main thread.
 */
final class UsageOptions {

    @Option(names = "--usage-file", paramLabel = "FILE",
            description = "JSON file keeping the usage counts across restarts of a single node, written atomically"
                    + " every --usage-flush-interval and at shutdown (default: .socketway/usage-{apiId}.json in the"
                    + " template's folder). With --cluster the counts go to Redis instead.")
    Optional<Path> file = Optional.empty();

    @Option(names = "--usage-flush-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often the node's usage counts are written to the file or Redis (default: ${DEFAULT-VALUE}).")
    Duration flushInterval;

    @Option(names = "--no-usage", defaultValue = "false",
            description = "Meter no usage and serve no usage report (default: ${DEFAULT-VALUE}).")
    boolean disabled;

    @Option(names = "--price-messages", defaultValue = "1.00", paramLabel = "USD",
            description = "API Gateway WebSocket price per million messages, first billion (default: ${DEFAULT-VALUE}).")
    double messages;

    @Option(names = "--price-messages-over-billion", defaultValue = "0.80", paramLabel = "USD",
            description = "Price per million messages beyond the first billion (default: ${DEFAULT-VALUE}).")
    double messagesOverTier;

    @Option(names = "--price-connection-minutes", defaultValue = "0.25", paramLabel = "USD",
            description = "Price per million connection-minutes (default: ${DEFAULT-VALUE}).")
    double connectionMinutes;

    @Option(names = "--price-lambda-requests", defaultValue = "0.20", paramLabel = "USD",
            description = "Lambda price per million requests (default: ${DEFAULT-VALUE}).")
    double lambdaRequests;

    @Option(names = "--price-lambda-gb-second", defaultValue = "0.0000166667", paramLabel = "USD",
            description = "Lambda price per GB-second, x86 (default: ${DEFAULT-VALUE}).")
    double lambdaGbSecond;

    @Option(names = "--prices-as-of", defaultValue = "2026-11-28", paramLabel = "DATE",
            description = "The date the prices were taken, shown in the report (default: ${DEFAULT-VALUE}: AWS's"
                    + " us-east-1 list prices, free tier ignored).")
    LocalDate pricesAsOf;

    /** Returns true when usage is metered. */
    boolean enabled() {
        return !disabled;
    }

    /** Returns the settings these options give for {@code api} served from {@code template}. */
    UsageSettings settings(ApiDefinition api, Path template) {
        Prices prices = Prices.DEFAULT.withAsOf(pricesAsOf)
                .withMessages(messages, messagesOverTier, Prices.DEFAULT.messageTier())
                .withConnectionMinutes(connectionMinutes)
                .withLambda(lambdaRequests, lambdaGbSecond);
        return UsageSettings.DEFAULT.withFile(file.orElseGet(() -> defaultFile(api, template)))
                .withFlushInterval(flushInterval).withPrices(prices);
    }

    /** Returns {@code .socketway/usage-{apiId}.json} in the template's folder. */
    static Path defaultFile(ApiDefinition api, Path template) {
        Path folder = template.toAbsolutePath().getParent();
        return folder.resolve(".socketway").resolve("usage-" + api.apiId() + ".json");
    }
}
