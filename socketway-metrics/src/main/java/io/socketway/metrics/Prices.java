package io.socketway.metrics;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * What traffic would cost on AWS: API Gateway WebSocket and Lambda list prices (US East, N. Virginia; x86 Lambda;
 * free tier ignored), with the date they were read. Immutable; validated on construction.
 *
 * @param asOf the date the prices were taken from the AWS pricing pages (default 2026-11-28)
 * @param currency the currency of every price, {@code USD}
 * @param messagesPerMillion API Gateway WebSocket messages, first tier: $1.00 per million
 * @param messagesPerMillionOverTier messages beyond {@link #messageTier}: $0.80 per million
 * @param messageTier how many messages the first price covers: 1 billion
 * @param connectionMinutesPerMillion $0.25 per million connection-minutes
 * @param lambdaRequestsPerMillion Lambda requests: $0.20 per million
 * @param lambdaGbSecond Lambda duration: $0.0000166667 per GB-second
 */
public record Prices(LocalDate asOf, String currency, double messagesPerMillion, double messagesPerMillionOverTier,
        long messageTier, double connectionMinutesPerMillion, double lambdaRequestsPerMillion, double lambdaGbSecond) {

    /** us-east-1 list prices as of 2026-11-28 (aws.amazon.com/api-gateway/pricing, aws.amazon.com/lambda/pricing). */
    public static final Prices DEFAULT = new Prices(LocalDate.parse("2026-11-28"), "USD", 1.00, 0.80,
            1_000_000_000L, 0.25, 0.20, 0.0000166667);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Prices {
        notNull(asOf, "asOf");
        notNull(currency, "currency");
        for (double price : new double[] {messagesPerMillion, messagesPerMillionOverTier,
                connectionMinutesPerMillion, lambdaRequestsPerMillion, lambdaGbSecond}) {
            checkArgument(price >= 0 && Double.isFinite(price), "price: %s (expected: a number >= 0)", price);
        }
        checkArgument(messageTier > 0, "messageTier: %s (expected: > 0)", messageTier);
    }

    /** Returns the cost of {@code units} metered messages: the first tier's price, then the cheaper one beyond it. */
    public double messages(long units) {
        long first = Math.min(units, messageTier);
        return round(perMillion(first, messagesPerMillion).add(perMillion(units - first, messagesPerMillionOverTier)));
    }

    /** Returns the cost of {@code minutes} connection-minutes. */
    public double connectionMinutes(long minutes) {
        return round(perMillion(minutes, connectionMinutesPerMillion));
    }

    /** Returns the cost of {@code invocations} Lambda requests. */
    public double lambdaRequests(long invocations) {
        return round(perMillion(invocations, lambdaRequestsPerMillion));
    }

    /** Returns the cost of {@code gbSeconds} of Lambda duration. */
    public double lambdaDuration(double gbSeconds) {
        return round(BigDecimal.valueOf(gbSeconds).multiply(BigDecimal.valueOf(lambdaGbSecond)));
    }

    /** Returns a copy with other message prices (first tier, beyond it, and the tier's size). */
    public Prices withMessages(double perMillion, double perMillionOverTier, long tier) {
        return new Prices(asOf, currency, perMillion, perMillionOverTier, tier, connectionMinutesPerMillion,
                lambdaRequestsPerMillion, lambdaGbSecond);
    }

    /** Returns a copy with another connection-minute price. */
    public Prices withConnectionMinutes(double perMillion) {
        return new Prices(asOf, currency, messagesPerMillion, messagesPerMillionOverTier, messageTier, perMillion,
                lambdaRequestsPerMillion, lambdaGbSecond);
    }

    /** Returns a copy with other Lambda prices. */
    public Prices withLambda(double requestsPerMillion, double gbSecond) {
        return new Prices(asOf, currency, messagesPerMillion, messagesPerMillionOverTier, messageTier,
                connectionMinutesPerMillion, requestsPerMillion, gbSecond);
    }

    /** Returns a copy taken on another date. */
    public Prices withAsOf(LocalDate value) {
        return new Prices(value, currency, messagesPerMillion, messagesPerMillionOverTier, messageTier,
                connectionMinutesPerMillion, lambdaRequestsPerMillion, lambdaGbSecond);
    }

    private static BigDecimal perMillion(long count, double price) {
        return BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(price)).divide(MILLION);
    }

    /** Rounds to 10 decimal places, enough for a single message ($0.000001) and free of binary noise. */
    static double round(BigDecimal value) {
        return value.setScale(10, RoundingMode.HALF_UP).doubleValue();
    }
}
