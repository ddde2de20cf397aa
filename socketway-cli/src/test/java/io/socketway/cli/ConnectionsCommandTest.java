package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.testing.TestWebSocket;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code socketway connections} against a real gateway on a free port with real WebSocket clients, run through
 * picocli as {@code main} would, with the environment, standard input and terminal given by the test.
 */
@Timeout(60)
class ConnectionsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_AGENT = "ops-test-agent/1.0 (a user agent much longer than forty characters)";

    private final List<AutoCloseable> open = new ArrayList<>();
    private TestGateway gateway;

    @BeforeEach
    void startGateway() {
        gateway = track(TestGateway.start());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void listPagesThroughEveryConnectionAndPrintsATable() throws Exception {
        String first = TestGateway.idOf(track(gateway.connect("User-Agent", LONG_AGENT)));
        String second = TestGateway.idOf(track(gateway.connect()));

        Result r = run("connections", "list", "--endpoint", gateway.endpoint(), "--page-size", "1");

        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.lines()).hasSize(4);
        assertThat(r.lines().get(0)).startsWith("CONNECTION ID").contains("CONNECTED AT", "SOURCE IP", "USER AGENT",
                "LAST ACTIVE");
        String firstRow = r.lines().stream().filter(l -> l.startsWith(first)).findFirst().orElseThrow();
        assertThat(firstRow).contains("127.0.0.1", LONG_AGENT.substring(0, 37) + "...").doesNotContain(LONG_AGENT)
                .containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(r.out).contains(second);
        assertThat(r.lines().get(3)).isEqualTo("2 connections");
        assertThat(r.err).as("no progress when nobody watches a terminal").isEmpty();
    }

    @Test
    void takesTheBannersManagementUrlWithItsConnectionsSuffix() throws Exception {
        String id = TestGateway.idOf(track(gateway.connect()));
        for (String suffix : new String[] {"/@connections", "/@connections/", "/%40connections"}) {
            Result r = run("connections", "list", "--endpoint", gateway.endpoint() + suffix);
            assertThat(r.exit).as(suffix + ": " + r.err).isZero();
            assertThat(r.out).contains(id);
        }
    }

    @Test
    void listAsJsonKeepsTheApiShapeAndLimitStopsEarly() throws Exception {
        String id = TestGateway.idOf(track(gateway.connect()));
        TestGateway.idOf(track(gateway.connect()));

        Result all = run("connections", "list", "--endpoint", gateway.endpoint(), "--output", "json");
        JsonNode items = JSON.readTree(all.out).get("items");
        assertThat(items).hasSize(2);
        JsonNode mine = items.get(0).get("connectionId").asText().equals(id) ? items.get(0) : items.get(1);
        assertThat(mine.at("/identity/sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(mine.get("connectedAt").asText()).isNotEmpty();
        assertThat(mine.get("lastActiveAt").asText()).isNotEmpty();

        Result one = run("connections", "list", "--endpoint", gateway.endpoint(), "--limit", "1");
        assertThat(one.exit).isZero();
        assertThat(one.lines()).hasSize(3).last().isEqualTo("1 connection shown (--limit reached; more exist)");
    }

    @Test
    void listDrawsProgressOnlyForAPersonWatchingSeveralPages() throws Exception {
        TestGateway.idOf(track(gateway.connect()));
        TestGateway.idOf(track(gateway.connect()));

        Result r = run(Map.of(), "", true, "connections", "list", "--endpoint", gateway.endpoint(), "--page-size", "1");

        assertThat(r.exit).isZero();
        assertThat(r.err).startsWith("\rlisted 1 connections...").endsWith("\r");
        assertThat(r.out).contains("2 connections");
    }

    @Test
    void getShowsTheConnectionAsATableOrAsGetConnectionJson() throws Exception {
        String id = TestGateway.idOf(track(gateway.connect("User-Agent", "ops-test/2")));

        Result table = run("connections", "get", id, "--endpoint", gateway.endpoint());
        assertThat(table.exit).isZero();
        assertThat(table.lines()).containsExactly(
                "Connection ID   " + id,
                table.lines().get(1), table.lines().get(2),
                "Source IP       127.0.0.1",
                "User agent      ops-test/2");
        assertThat(table.lines().get(1)).matches("Connected at    \\d{4}-.*Z");
        assertThat(table.lines().get(2)).matches("Last active at  \\d{4}-.*Z");

        JsonNode json = JSON.readTree(run("connections", "get", id, "--endpoint", gateway.endpoint(),
                "--output", "json").out);
        assertThat(json.at("/identity/userAgent").asText()).isEqualTo("ops-test/2");
        assertThat(json.fieldNames()).toIterable().containsExactly("connectedAt", "identity", "lastActiveAt");
    }

    @Test
    void sendDeliversDataFileOrStandardInputToTheClient(@TempDir Path dir) throws Exception {
        TestWebSocket client = track(gateway.connect());
        String id = TestGateway.idOf(client);
        Path file = Files.writeString(dir.resolve("message.json"), "{\"from\":\"file\"}");

        Result data = run("connections", "send", id, "--data", "{\"from\":\"ops\"}", "--endpoint", gateway.endpoint());
        assertThat(data.exit).as(data.err).isZero();
        assertThat(data.out).isEqualTo("Sent 14 bytes to " + id + ".\n");
        assertThat(client.next(TestGateway.WAIT)).isEqualTo("{\"from\":\"ops\"}");

        assertThat(run("connections", "send", id, "--file", file.toString(), "--endpoint", gateway.endpoint()).exit)
                .isZero();
        assertThat(client.next(TestGateway.WAIT)).isEqualTo("{\"from\":\"file\"}");

        Result stdin = run(Map.of(), "héllo from stdin", false, "connections", "send", id, "-",
                "--endpoint", gateway.endpoint(), "--output", "json");
        assertThat(stdin.exit).isZero();
        assertThat(stdin.out).isEmpty();
        assertThat(client.next(TestGateway.WAIT)).isEqualTo("héllo from stdin");
    }

    @Test
    void closeEndsTheClientsConnection() throws Exception {
        TestWebSocket client = track(gateway.connect());
        String id = TestGateway.idOf(client);

        Result r = run("connections", "close", id, "--endpoint", gateway.endpoint());

        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo("Closed " + id + ".\n");
        assertThat(client.awaitClose(TestGateway.WAIT).code()).isEqualTo(1000);
    }

    @Test
    void aGoneConnectionExitsWith3AndSaysSo() throws Exception {
        TestWebSocket client = track(gateway.connect());
        String id = TestGateway.idOf(client);
        assertThat(run("connections", "close", id, "--endpoint", gateway.endpoint()).exit).isZero();
        client.awaitClose(TestGateway.WAIT);

        for (String command : List.of("get", "close")) {
            Result r = run("connections", command, id, "--endpoint", gateway.endpoint());
            assertThat(r.exit).isEqualTo(3);
            assertThat(r.err).isEqualTo("socketway: connection " + id + " is gone (410 GoneException): it closed,"
                    + " never existed or is still connecting\n");
            assertThat(r.out).isEmpty();
        }
        assertThat(run("connections", "send", "AAAAAAAAAAAAAAA=", "--data", "x", "--endpoint", gateway.endpoint())
                .exit).isEqualTo(3);
    }

    @Test
    void aGatewayWithKeysRefusesUnsignedCallsWith4AndAcceptsSignedOnes() throws Exception {
        TestGateway keyed = track(TestGateway.withKey("AKIDOPS", "ops-secret"));
        TestWebSocket client = track(keyed.connect());
        String id = TestGateway.idOf(client);

        Result unsigned = run("connections", "list", "--endpoint", keyed.endpoint());
        assertThat(unsigned.exit).isEqualTo(4);
        assertThat(unsigned.err).startsWith("socketway: not authorized by the gateway at " + keyed.endpoint()
                + " (403 ForbiddenException: Missing Authentication Token); sign the call with --access-key");

        Result signed = run("connections", "list", "--endpoint", keyed.endpoint(), "--access-key", "AKIDOPS:ops-secret");
        assertThat(signed.exit).as(signed.err).isZero();
        assertThat(signed.out).contains(id, "1 connection");

        Result fromEnv = run(Map.of("SOCKETWAY_ACCESS_KEY", "AKIDOPS:ops-secret"), "", false,
                "connections", "send", id, "--data", "signed hello", "--endpoint", keyed.endpoint());
        assertThat(fromEnv.exit).as(fromEnv.err).isZero();
        assertThat(client.next(TestGateway.WAIT)).isEqualTo("signed hello");

        Result awsEnv = run(Map.of("AWS_ACCESS_KEY_ID", "AKIDOPS", "AWS_SECRET_ACCESS_KEY", "ops-secret"), "", false,
                "connections", "get", id, "--endpoint", keyed.endpoint());
        assertThat(awsEnv.exit).as(awsEnv.err).isZero();

        Result wrong = run("connections", "get", id, "--endpoint", keyed.endpoint(), "--access-key", "AKIDOPS:nope");
        assertThat(wrong.exit).isEqualTo(4);
        assertThat(wrong.err).contains("The request signature we calculated does not match",
                "check that AKIDOPS (from --access-key) is one of the gateway's --access-key keys");
    }

    @Test
    void anUnreachableGatewayExitsWith5() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port + "/dev";

        Result r = run("connections", "list", "--endpoint", endpoint);

        assertThat(r.exit).isEqualTo(5);
        assertThat(r.err).isEqualTo("socketway: cannot reach gateway at " + endpoint + " (connection refused)\n");

        Result unknownHost = run("connections", "get", "ID", "--endpoint", "http://no-such-host.invalid:8080/dev");
        assertThat(unknownHost.exit).isEqualTo(5);
        assertThat(unknownHost.err).isEqualTo("socketway: cannot reach gateway at http://no-such-host.invalid:8080/dev"
                + " (unknown host)\n");
    }

    @Test
    void anUnknownStageExitsWith4() {
        Result r = run("connections", "list", "--endpoint", gateway.endpoint().replace("/dev", "/prod"));
        assertThat(r.exit).isEqualTo(4);
        assertThat(r.err).startsWith("socketway: the gateway has no such stage: ");
    }

    @Test
    void invalidOptionsExitWith2AndNameTheOption() {
        assertThat(run("connections", "list", "--endpoint", "ftp://host/dev").err)
                .isEqualTo("socketway: --endpoint: ftp://host/dev (expected: an http:// or https:// URL without query,"
                        + " such as http://127.0.0.1:8080/dev)\n");
        Result both = run("connections", "list", "--endpoint", gateway.endpoint(), "--stage", "prod");
        assertThat(both.exit).isEqualTo(2);
        assertThat(both.err).contains("--stage: prod (expected: either --stage or a stage in the --endpoint path");
        Result noData = run("connections", "send", "ID", "--endpoint", gateway.endpoint());
        assertThat(noData.exit).isEqualTo(2);
        assertThat(noData.err).isEqualTo("socketway: send: no message (expected: exactly one of --data TEXT,"
                + " --file PATH, or - to read standard input)\n");
        Result badKey = run("connections", "list", "--access-key", "AKIDOPS:s3cr3t:dev:POST");
        assertThat(badKey.exit).isEqualTo(2);
        assertThat(badKey.err).contains("--access-key: AKIDOPS:*** (expected: ID:SECRET").doesNotContain("s3cr3t");
        assertThat(run("connections", "list", "--limit", "0").err).contains("--limit: 0 (expected: 1 or more)");
        assertThat(run("connections", "list", "--output", "yaml").exit).isEqualTo(2);
    }

    @Test
    void helpListsTheExitCodes() {
        Result r = run("connections", "get", "--help");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("--endpoint", "--access-key", "SOCKETWAY_ACCESS_KEY", "--region", "--output",
                "Exit codes:", "3   the connection ID is gone", "4   not authorized", "5   cannot reach the gateway");
        assertThat(run("--help").out).contains("connections");
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    private static Result run(String... args) {
        return run(Map.of(), "", false, args);
    }

    private static Result run(Map<String, String> env, String stdin, boolean interactive, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine(new ConnectionsCommand(env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), interactive));
        line.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Result(exit, out.toString().replace(System.lineSeparator(), "\n"), err.toString()
                .replace(System.lineSeparator(), "\n"));
    }

    /** What one command printed and returned. */
    private record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }
}
