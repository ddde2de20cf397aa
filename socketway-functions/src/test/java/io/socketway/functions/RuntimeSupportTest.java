package io.socketway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RuntimeSupportTest {
    private final JavaFunctionRuntime runtime = JavaFunctionRuntime.of();

    @Test
    void supportsLambdasJavaRuntimes() {
        assertThat(List.of("java8.al2", "java11", "java17", "java21", "java25"))
                .allMatch(runtime::supports);
    }

    @Test
    void rejectsOtherRuntimes() {
        assertThat(List.of("java8", "java", "python3.12", "provided.al2023", "JAVA21"))
                .noneMatch(runtime::supports);
    }
}
