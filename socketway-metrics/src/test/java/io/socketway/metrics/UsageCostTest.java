package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** AWS's meters and prices, computed by hand. */
class UsageCostTest {
    private static final Prices PRICES = Prices.DEFAULT;

    @Test
    void metersMessagesIn32KbIncrements() {
        assertThat(Metering.messageUnits(0)).as("an empty message is still a message").isEqualTo(1);
        assertThat(Metering.messageUnits(32 * 1024)).isEqualTo(1);
        assertThat(Metering.messageUnits(32 * 1024 + 1)).isEqualTo(2);
        assertThat(Metering.messageUnits(33 * 1024)).as("AWS: a 33 KB message is 2 messages").isEqualTo(2);
        assertThat(Metering.messageUnits(128 * 1024)).isEqualTo(4);
    }

    @Test
    void pricesMessagesAtOneDollarPerMillionUpToOneBillionThenEightyCents() {
        assertThat(PRICES.messages(1)).isEqualTo(0.000001);
        assertThat(PRICES.messages(1_000_000)).isEqualTo(1.00);
        assertThat(PRICES.messages(1_000_000_000L)).isEqualTo(1000.00);
        assertThat(PRICES.messages(1_000_000_001L)).isEqualTo(1000.0000008);
        assertThat(PRICES.messages(1_500_000_000L)).as("1000 M at $1.00 + 500 M at $0.80").isEqualTo(1400.00);
    }

    @Test
    void roundsConnectionsUpToTheMinute() {
        assertThat(Metering.connectionMinutes(0)).isEqualTo(1);
        assertThat(Metering.connectionMinutes(500)).isEqualTo(1);
        assertThat(Metering.connectionMinutes(60_000)).isEqualTo(1);
        assertThat(Metering.connectionMinutes(60_001)).isEqualTo(2);
        assertThat(Metering.connectionMinutes(2 * 3_600_000)).as("the 2-hour maximum").isEqualTo(120);
        assertThat(Metering.elapsedMinutes(119_999)).as("a live connection counts whole minutes so far").isEqualTo(1);
        assertThat(PRICES.connectionMinutes(1_000_000)).isEqualTo(0.25);
        assertThat(PRICES.connectionMinutes(120)).isEqualTo(0.00003);
    }

    @Test
    void billsLambdaPerRequestAndGbSecondRoundedUpToTheMillisecond() {
        long mbMillis = 512 * Metering.billedMillis(100_000_000L);
        assertThat(Metering.gbSeconds(mbMillis)).as("512 MB x 100 ms").isEqualTo(0.05);
        assertThat(PRICES.lambdaDuration(0.05)).isEqualTo(0.0000008333);
        assertThat(Metering.billedMillis(100_200_000L)).as("100.2 ms bills as 101 ms").isEqualTo(101);
        assertThat(Metering.billedMillis(1)).isEqualTo(1);
        assertThat(Metering.gbSeconds(1024 * 1000)).as("1 GB for 1 s").isEqualTo(1.0);
        assertThat(PRICES.lambdaDuration(1_000_000)).isEqualTo(16.6667);
        assertThat(PRICES.lambdaRequests(1_000_000)).isEqualTo(0.20);
        assertThat(PRICES.lambdaRequests(5)).isEqualTo(0.000001);
    }

    @Test
    void takesOtherPricesAndRefusesNegativeOnes() {
        Prices eu = PRICES.withMessages(1.14, 0.91, 1_000_000_000L).withConnectionMinutes(0.285)
                .withAsOf(LocalDate.parse("2027-01-01"));
        assertThat(eu.messages(2_000_000)).isEqualTo(2.28);
        assertThat(eu.connectionMinutes(1_000_000)).isEqualTo(0.285);
        assertThatThrownBy(() -> PRICES.withLambda(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a number >= 0");
    }
}
