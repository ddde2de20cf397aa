package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.Invocation;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(60)
class LambdaContextTest {
    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    static Path temp;

    static Path jar;

    @BeforeAll
    static void buildHandler() {
        jar = HandlerJarBuilder.create()
                .source("demo.ContextEcho", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.*;
                        import com.amazonaws.services.lambda.runtime.logging.LogLevel;
                        import java.util.*;
                        public class ContextEcho implements RequestHandler<Object, Map<String, Object>> {
                            public Map<String, Object> handleRequest(Object input, Context context) {
                                int first = context.getRemainingTimeInMillis();
                                long start = System.currentTimeMillis();
                                while (System.currentTimeMillis() < start + 3) { Thread.onSpinWait(); }
                                int second = context.getRemainingTimeInMillis();
                                context.getLogger().log("hello from the handler\\n");
                                context.getLogger().log("careful".getBytes(), LogLevel.WARN);
                                Map<String, Object> out = new HashMap<>();
                                out.put("requestId", context.getAwsRequestId());
                                out.put("logGroup", context.getLogGroupName());
                                out.put("logStream", context.getLogStreamName());
                                out.put("name", context.getFunctionName());
                                out.put("version", context.getFunctionVersion());
                                out.put("arn", context.getInvokedFunctionArn());
                                out.put("memory", context.getMemoryLimitInMB());
                                out.put("first", first);
                                out.put("second", second);
                                out.put("identity", String.valueOf(context.getIdentity()));
                                out.put("clientContext", String.valueOf(context.getClientContext()));
                                return out;
                            }
                        }""")
                .buildJar(temp.resolve("context.jar"));
    }

    private static Map<String, Object> call(DeployedFunction function, Invocation invocation) throws Exception {
        String json = invoke(function, "{}", invocation);
        return new ObjectMapper().readValue(json, new TypeReference<>() {});
    }

    @Test
    void reportsFunctionValuesAndCountsDownToTheDeadline() throws Exception {
        DeployedFunction function = functions.deploy("Ctx", "demo.ContextEcho", jar);

        Map<String, Object> context = call(function, new Invocation("req-1", System.currentTimeMillis() + 60_000));

        assertThat(context).containsEntry("requestId", "req-1")
                .containsEntry("logGroup", "/aws/lambda/stack-Ctx")
                .containsEntry("name", "stack-Ctx")
                .containsEntry("version", "$LATEST")
                .containsEntry("arn", "arn:aws:lambda:eu-west-1:123456789012:function:stack-Ctx")
                .containsEntry("memory", 256)
                .containsEntry("identity", "null")
                .containsEntry("clientContext", "null");
        assertThat((String) context.get("logStream")).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        int first = (Integer) context.get("first");
        int second = (Integer) context.get("second");
        assertThat(first).isBetween(50_000, 60_000);
        assertThat(second).isLessThan(first);
    }

    @Test
    void accountComesFromTheGatewayEnvironment() throws Exception {
        Map<String, String> env = Map.of("AWS_REGION", "ap-south-1", "SOCKETWAY_ACCOUNT_ID", "111122223333");
        DeployedFunction function = functions.deploy(FunctionsExtension.definition("Acct", "demo.ContextEcho", jar), env);

        Map<String, Object> context = call(function, new Invocation("req-2", System.currentTimeMillis() + 1_000));

        assertThat(context).containsEntry("arn", "arn:aws:lambda:ap-south-1:111122223333:function:stack-Acct");
    }

    @Test
    void remainingTimeStopsAtZeroAfterTheDeadline() throws Exception {
        DeployedFunction function = functions.deploy("Late", "demo.ContextEcho", jar);

        Map<String, Object> context = call(function, new Invocation("req-3", System.currentTimeMillis() - 5_000));

        assertThat(context).containsEntry("first", 0).containsEntry("second", 0);
    }

    @Test
    void lambdaLoggerWritesToSlf4jWithTheRequestId() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.socketway.function.stack-Logs");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            DeployedFunction function = functions.deploy("Logs", "demo.ContextEcho", jar);
            call(function, new Invocation("req-4", System.currentTimeMillis() + 1_000));
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(Level.INFO, "req-4 hello from the handler"),
                        tuple(Level.WARN, "req-4 careful"));
    }
}
