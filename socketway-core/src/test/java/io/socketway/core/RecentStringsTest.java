package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentStringsTest {
    @Test
    void equalStringsSeenRecentlyShareOneInstance() {
        RecentStrings shared = new RecentStrings(16);
        String first = shared.share(new String("Mozilla/5.0 (X11; Linux x86_64)"));
        String second = shared.share(new String("Mozilla/5.0 (X11; Linux x86_64)"));
        assertThat(second).isSameAs(first);
    }

    @Test
    void differentStringsAndNullComeBackUnchanged() {
        RecentStrings shared = new RecentStrings(1);
        String a = new String("10.0.0.1");
        String b = new String("10.0.0.2");
        assertThat(shared.share(a)).isSameAs(a);
        assertThat(shared.share(b)).isSameAs(b);
        assertThat(shared.share(new String("10.0.0.2"))).isSameAs(b).isEqualTo("10.0.0.2");
        assertThat(shared.share(null)).isNull();
    }

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new RecentStrings(1000)).hasMessage("size: 1000 (expected: a power of two)");
    }
}
