package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsHaveAwsShape() {
        for (int i = 0; i < 1000; i++) {
            String id = Ids.connectionId();
            assertThat(id).hasSize(16).endsWith("=").matches("[A-Za-z0-9_-]{15}=");
            assertThat(Ids.isWellFormed(id)).isTrue();
            assertThat(id).doesNotStartWith("-");
            assertThat(Ids.requestId()).matches("[A-Za-z0-9_-]{15}=");
        }
    }

    @Test
    void idsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(Ids.connectionId())).isTrue();
        }
    }
}
