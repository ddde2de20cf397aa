package io.socketway.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.socketway.testing.RedisProcess;
import io.socketway.testing.TestWebSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code socketway run --cluster} processes share a real {@code redis-server} and a template alarm on
 * {@code ConnectCount} (threshold 3 in a 10-second period): two connects on each node put the cluster in ALARM, which
 * one node logs and one webhook POST reports; the next quiet period brings one OK. Takes about 40 s (real periods).
 */
@Timeout(120)
class ClusterAlarmProcessTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String ARN = "arn:aws:sns:us-east-1:123456789012:ops";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRANSITION = Pattern.compile("Alarm cluster-connects changed from (\\w+) to (\\w+)");

    @TempDir
    Path dir;
    private RedisProcess redis;
    private HttpServer http;
    private final List<String> states = new CopyOnWriteArrayList<>();
    private final List<SocketwayProcess> nodes = new ArrayList<>();

    @BeforeEach
    void startRedisAndWebhook() throws Exception {
        redis = RedisProcess.start(Files.createDirectory(dir.resolve("redis")), port -> List.of());
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/hook", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            states.add(body.get("NewStateValue").asText());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.createContext("/disconnect", exchange -> {
            byte[] reply = "{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stopEverything() {
        nodes.forEach(SocketwayProcess::close);
        if (http != null) {
            http.stop(0);
        }
        if (redis != null) {
            redis.kill();
        }
    }

    @Test
    void oneNodeLogsAndNotifiesEachTransitionOfTheClustersTraffic() throws Exception {
        Path template = writeTemplate();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        for (String node : List.of("a", "b")) {
            nodes.add(SocketwayProcess.start("run", template.toString(), "--port", "0",
                    "--parameter-overrides", "HookUrl=" + base + "/disconnect",
                    "--cluster", "redis://127.0.0.1:" + redis.port(), "--cluster-no-encryption", "--node-id", node,
                    "--alarm-action", ARN + "=" + base + "/hook"));
        }
        List<String> ws = new ArrayList<>();
        for (SocketwayProcess node : nodes) {
            ws.add(SocketwayProcess.webSocketUrl(node.awaitBanner(START)));
        }
        await().atMost(WAIT).until(() -> states.equals(List.of("OK")));

        // two connects on each node, early in one 10-second period (periods are aligned to the wall clock)
        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(15))
                .until(() -> System.currentTimeMillis() % 10_000 < 2_000);
        for (String url : List.of(ws.get(0), ws.get(1), ws.get(0), ws.get(1))) {
            TestWebSocket.connect(url).close();
        }

        await().atMost(WAIT).until(() -> states.equals(List.of("OK", "ALARM", "OK")));
        List<String> logged = new ArrayList<>();
        for (SocketwayProcess node : nodes) {
            Matcher m = TRANSITION.matcher(node.drainStdout() + "\n" + node.stderr());
            while (m.find()) {
                logged.add(m.group(1) + "->" + m.group(2));
            }
        }
        assertThat(logged).as("each transition logged by one node")
                .containsExactlyInAnyOrder("INSUFFICIENT_DATA->OK", "OK->ALARM", "ALARM->OK");
    }

    private Path writeTemplate() throws Exception {
        return Files.writeString(dir.resolve("template.yaml"), """
                Parameters:
                  HookUrl:
                    Type: String
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      Name: cluster-alarms
                      ProtocolType: WEBSOCKET
                      RouteSelectionExpression: $request.body.action
                  DisconnectFunction:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Ref HookUrl
                  DisconnectRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: $disconnect
                      Target: !Sub integrations/${DisconnectFunction}
                  Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: !Ref Api
                      StageName: dev
                  ConnectsAlarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      AlarmName: cluster-connects
                      Namespace: AWS/ApiGateway
                      MetricName: ConnectCount
                      Dimensions:
                        - Name: ApiId
                          Value: !Ref Api
                      Statistic: Sum
                      Period: 10
                      EvaluationPeriods: 1
                      Threshold: 3
                      ComparisonOperator: GreaterThanOrEqualToThreshold
                      AlarmActions: [arn:aws:sns:us-east-1:123456789012:ops]
                      OKActions: [arn:aws:sns:us-east-1:123456789012:ops]
                """);
    }
}
