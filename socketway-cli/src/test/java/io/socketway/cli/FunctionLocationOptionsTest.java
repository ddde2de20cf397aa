package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.template.TemplateOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code --lambda-endpoint} and {@code --function-url} of {@code socketway run} become {@link TemplateOptions}. */
class FunctionLocationOptionsTest {

    @Test
    void functionsElsewhereBecomeTemplateOptions() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("template.yaml", "--lambda-endpoint", "http://127.0.0.1:3001/",
                "--function-url", "OnConnect=http://127.0.0.1:9000/connect", "--function-url", "Auth=https://a.example/x");
        TemplateOptions options = run.templateOptions();
        assertThat(options.lambdaEndpoint()).hasValue("http://127.0.0.1:3001");
        assertThat(options.functionUrls()).containsExactly(Map.entry("OnConnect", "http://127.0.0.1:9000/connect"),
                Map.entry("Auth", "https://a.example/x"));
        assertThat(options.codeRequired()).as("the command line runs what it loads").isTrue();

        RunCommand bad = new RunCommand();
        new CommandLine(bad).parseArgs("template.yaml", "--function-url", "OnConnect");
        assertThatThrownBy(bad::templateOptions).hasMessage("--function-url: OnConnect (expected: LOGICAL_ID=URL, such as"
                + " OnConnectFunction=http://127.0.0.1:9000/connect)");
    }
}
