package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import io.socketway.metrics.Prices;
import io.socketway.metrics.UsageSettings;
import io.socketway.template.TemplateLoader;
import io.socketway.template.TemplateOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How the usage options of {@code socketway run} become {@link UsageSettings}. */
class UsageOptionsTest {
    private static final Path TEMPLATE = Path.of("src/test/resources/connections/template.yaml");
    private static final ApiDefinition API = TemplateLoader.load(TEMPLATE, TemplateOptions.defaults());

    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void defaultsToAFileNextToTheTemplateAndAwsUsEast1Prices() {
        RunCommand run = parse(TEMPLATE.toString());
        UsageSettings settings = run.usage.settings(API, run.template);

        assertThat(run.usage.enabled()).isTrue();
        assertThat(settings.file()).hasValue(TEMPLATE.toAbsolutePath().getParent()
                .resolve(".socketway/usage-" + API.apiId() + ".json"));
        assertThat(settings.prices()).isEqualTo(Prices.DEFAULT);
        assertThat(settings.flushInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.path()).isEqualTo("/_socketway/usage");
    }

    @Test
    void takesAFilePricesTheirDateAndAFlushInterval() {
        RunCommand run = parse(TEMPLATE.toString(), "--usage-file", "/var/lib/socketway/usage.json",
                "--usage-flush-interval", "2s", "--price-messages", "1.14", "--price-messages-over-billion", "0.91",
                "--price-connection-minutes", "0.285", "--price-lambda-requests", "0.2",
                "--price-lambda-gb-second", "0.0000133334", "--prices-as-of", "2027-01-15");
        UsageSettings settings = run.usage.settings(API, run.template);

        assertThat(settings.file()).hasValue(Path.of("/var/lib/socketway/usage.json"));
        assertThat(settings.flushInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.prices()).isEqualTo(new Prices(LocalDate.parse("2027-01-15"), "USD", 1.14, 0.91,
                1_000_000_000L, 0.285, 0.2, 0.0000133334));
    }

    @Test
    void canBeTurnedOff() {
        assertThat(parse(TEMPLATE.toString(), "--no-usage").usage.enabled()).isFalse();
    }
}
