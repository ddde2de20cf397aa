package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.core.DeflateSettings;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.Limits;
import io.socketway.core.SecuritySettings;
import io.socketway.security.sigv4.AccessKey;
import io.socketway.testing.TestWebSocket;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** {@code POST /{stage}/@connections}: one message to many connections, per-id outcomes, SigV4, shared compression. */
@Timeout(60)
class FanOutTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A compressible 2 KB JSON message, above the threshold the compression tests set. */
    private static final String DOCUMENT = document();

    private static TestRuntime whoami() {
        return new TestRuntime().handler("whoami", e -> Map.of("body", e.at("/requestContext/connectionId").asText()));
    }

    private static GatewayFixture gateway(Limits limits) {
        return new GatewayFixture(TestApi.create().route("whoami", "whoami", true), whoami(), limits);
    }

    private static String id(TestWebSocket client) throws InterruptedException {
        client.send("{\"action\":\"whoami\"}");
        return client.next(WAIT);
    }

    private static String body(List<String> ids, String data) throws Exception {
        return JSON.writeValueAsString(Map.of("connectionIds", ids, "data", data));
    }

    private static HttpResponse<String> fanOut(String base, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/@connections"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> list(HttpResponse<String> response, String field) throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).get(field).forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void deliversOneMessageToEveryListedConnectionOnceAndReportsGoneAndUnknownIds() throws Exception {
        try (GatewayFixture gw = gateway(Limits.DEFAULT)) {
            List<TestWebSocket> clients = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clients.add(gw.connect());
                ids.add(id(clients.get(i)));
            }
            clients.get(4).close();
            await().atMost(WAIT).until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(
                    gw.http() + "/@connections/" + ids.get(4))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 410);
            List<String> listed = new ArrayList<>(ids);
            listed.add("unknownConnId000");
            listed.add(ids.get(0));

            HttpResponse<String> response = fanOut(gw.http(), body(listed, "to all"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(list(response, "delivered")).containsExactlyElementsOf(ids.subList(0, 4));
            assertThat(list(response, "gone")).containsExactly(ids.get(4), "unknownConnId000");
            assertThat(list(response, "limitExceeded")).isEmpty();
            assertThat(list(response, "failed")).isEmpty();
            assertThat(fanOut(gw.http(), body(ids.subList(0, 4), "second")).statusCode()).isEqualTo(200);
            for (TestWebSocket client : clients.subList(0, 4)) {
                assertThat(client.next(WAIT)).isEqualTo("to all");
                assertThat(client.next(WAIT)).isEqualTo("second");
                client.close();
            }
        }
    }

    @Test
    void reachesOnlyTheConnectionsOfTheStageInItsPath() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().stage("prod").route("whoami", "whoami", true),
                        whoami(), Limits.DEFAULT);
                TestWebSocket dev = gw.connect();
                TestWebSocket prod = TestWebSocket.connect("ws://127.0.0.1:" + gw.server.port() + "/prod")) {
            String devId = id(dev);
            String prodId = id(prod);
            String prodBase = "http://127.0.0.1:" + gw.server.port() + "/prod";

            HttpResponse<String> response = fanOut(prodBase, body(List.of(devId, prodId), "prod only"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(list(response, "delivered")).containsExactly(prodId);
            assertThat(list(response, "gone")).as("dev's connection, seen from prod").containsExactly(devId);
            assertThat(prod.next(WAIT)).isEqualTo("prod only");
            assertThat(fanOut(gw.http(), body(List.of(devId), "dev")).statusCode()).isEqualTo(200);
            assertThat(dev.next(WAIT)).as("the prod fan-out never reached dev").isEqualTo("dev");
        }
    }

    @Test
    void messagesLargerThanAFrameArriveWhole() throws Exception {
        try (GatewayFixture gw = gateway(Limits.DEFAULT);
                TestWebSocket a = gw.connect();
                TestWebSocket b = gw.connect()) {
            String big = "x".repeat(100_000);
            HttpResponse<String> response = fanOut(gw.http(), body(List.of(id(a), id(b)), big));
            assertThat(list(response, "delivered")).hasSize(2);
            assertThat(a.next(WAIT)).isEqualTo(big);
            assertThat(b.next(WAIT)).isEqualTo(big);
        }
    }

    @Test
    void aConnectionWhoseBufferIsFullIsReportedAndOthersStillReceive() throws Exception {
        Limits limits = Limits.DEFAULT.withSizes(16 * 1024, 16 * 1024).withOutboundBufferBytes(64 * 1024);
        try (GatewayFixture gw = gateway(limits);
                RawWebSocket stalled = RawWebSocket.connect(gw.server.port(), "/dev");
                TestWebSocket reader = gw.connect()) {
            stalled.frame(0x1, true, "{\"action\":\"whoami\"}".getBytes(StandardCharsets.UTF_8));
            String stalledId = new String(stalled.readFrame().payload(), StandardCharsets.UTF_8);
            String readerId = id(reader);
            String chunk = "y".repeat(16 * 1024 - 16);
            int sent = 0;
            HttpResponse<String> response;
            do {
                response = fanOut(gw.http(), body(List.of(stalledId, readerId), chunk));
                assertThat(list(response, "delivered")).contains(readerId);
                assertThat(reader.next(WAIT)).isEqualTo(chunk);
                sent++;
            } while (list(response, "limitExceeded").isEmpty() && sent < 5_000);
            assertThat(list(response, "limitExceeded")).containsExactly(stalledId);
        }
    }

    @Test
    void answersBadRequestsNamingTheFieldAndWhatWasExpected() throws Exception {
        try (GatewayFixture gw = gateway(Limits.DEFAULT.withSizes(1024, 1024))) {
            assertBadRequest(fanOut(gw.http(), "not json"), "body: not JSON");
            assertBadRequest(fanOut(gw.http(), "[1]"), "body: not an object");
            assertBadRequest(fanOut(gw.http(), "{\"connectionIds\":[],\"data\":\"x\"}"), "connectionIds: []");
            assertBadRequest(fanOut(gw.http(), "{\"connectionIds\":[7],\"data\":\"x\"}"), "connectionIds: 7");
            assertBadRequest(fanOut(gw.http(), "{\"connectionIds\":[\"a\"]}"), "data: missing");
            assertBadRequest(fanOut(gw.http(), "{\"connectionIds\":[\"a\"],\"data\":\"x\",\"dataBase64\":\"eA==\"}"),
                    "data: given with dataBase64");
            assertBadRequest(fanOut(gw.http(), "{\"connectionIds\":[\"a\"],\"dataBase64\":\"%%\"}"), "dataBase64");
            HttpResponse<String> tooLarge = fanOut(gw.http(), body(List.of("a"), "z".repeat(1025)));
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.headers().firstValue("x-amzn-ErrorType")).hasValue("PayloadTooLargeException");
            HttpResponse<String> unknownStage = fanOut("http://127.0.0.1:" + gw.server.port() + "/nope",
                    body(List.of("a"), "x"));
            assertThat(unknownStage.statusCode()).isEqualTo(403);
        }
    }

    private static void assertBadRequest(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(response.body()).contains(message);
    }

    @Test
    void requiresASignatureFromAKeyAllowedToPostWhenKeysAreConfigured() throws Exception {
        AccessKey admin = AccessKey.of("AKIDADMIN", "admin-secret");
        AccessKey readOnly = new AccessKey("AKIDREAD", "read-secret", Set.of(), Set.of("GET"));
        GatewaySettings settings = GatewaySettings.defaults().withPort(0)
                .withSecurity(SecuritySettings.DEFAULT.withAccessKeys(List.of(admin, readOnly)));
        try (GatewayServer server = GatewayServer.start(Gateway.builder(
                        TestApi.create().route("whoami", "whoami", true).build())
                .settings(settings).functionRuntime(whoami()).build());
                TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev")) {
            String base = "http://127.0.0.1:" + server.port() + "/dev";
            String body = body(List.of(id(client)), "signed fan-out");

            assertThat(fanOut(base, body).statusCode()).isEqualTo(403);
            assertThat(signedFanOut(base, body, "AKIDREAD", "read-secret").statusCode()).isEqualTo(403);
            HttpResponse<String> signed = signedFanOut(base, body, "AKIDADMIN", "admin-secret");

            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(list(signed, "delivered")).hasSize(1);
            assertThat(client.next(WAIT)).isEqualTo("signed fan-out");
        }
    }

    private static HttpResponse<String> signedFanOut(String base, String body, String keyId, String secret)
            throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create(base + "/@connections")).putHeader("Content-Type", "application/json").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(base + "/@connections"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientsWithoutServerContextTakeoverShareOneCompressedFrameAndOthersStillDecode() throws Exception {
        Limits limits = Limits.DEFAULT.withPermessageDeflate(true).withDeflate(DeflateSettings.DEFAULT.withThresholdBytes(64));
        try (GatewayFixture gw = gateway(limits);
                RawWebSocket shared1 = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover");
                RawWebSocket shared2 = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover");
                RawWebSocket takeover = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate");
                NettyDeflateClient netty = new NettyDeflateClient(URI.create(gw.ws()));
                TestWebSocket plain = gw.connect()) {
            assertThat(shared1.responseHead()).containsIgnoringCase("server_no_context_takeover");
            assertThat(takeover.responseHead()).doesNotContainIgnoringCase("server_no_context_takeover");
            netty.send("{\"action\":\"whoami\"}");
            List<String> ids = List.of(rawId(shared1), rawId(shared2), rawId(takeover), netty.next(WAIT), id(plain));

            HttpResponse<String> response = fanOut(gw.http(), body(ids, DOCUMENT));

            assertThat(list(response, "delivered")).containsExactlyElementsOf(ids);
            RawWebSocket.Frame first = shared1.readFrame();
            RawWebSocket.Frame second = shared2.readFrame();
            assertThat(first.rsv1()).isTrue();
            assertThat(first.payload().length).isLessThan(DOCUMENT.length() / 4);
            assertThat(second.payload()).isEqualTo(first.payload());
            assertThat(inflate(new Inflater(true), first.payload())).isEqualTo(DOCUMENT);
            Inflater takeoverContext = new Inflater(true);
            RawWebSocket.Frame perConnection = takeover.readFrame();
            assertThat(perConnection.rsv1()).isTrue();
            assertThat(inflate(takeoverContext, perConnection.payload())).isEqualTo(DOCUMENT);
            assertThat(netty.next(WAIT)).isEqualTo(DOCUMENT);
            assertThat(plain.next(WAIT)).isEqualTo(DOCUMENT);

            fanOut(gw.http(), body(ids, "small"));
            RawWebSocket.Frame small = shared1.readFrame();
            assertThat(small.rsv1()).isFalse();
            assertThat(new String(small.payload(), StandardCharsets.UTF_8)).isEqualTo("small");
            assertThat(shared2.readFrame().rsv1()).isFalse();
            assertThat(takeover.readFrame().rsv1()).isFalse();
            assertThat(netty.next(WAIT)).isEqualTo("small");

            fanOut(gw.http(), body(ids, DOCUMENT));
            assertThat(inflate(new Inflater(true), shared2.readFrame().payload())).isEqualTo(DOCUMENT);
            assertThat(inflate(takeoverContext, takeover.readFrame().payload())).isEqualTo(DOCUMENT);
            assertThat(netty.next(WAIT)).isEqualTo(DOCUMENT);
        }
    }

    @Test
    void aLargeMessageIsCompressedOnceWholeSoItTravelsAsOneFrame() throws Exception {
        Limits limits = Limits.DEFAULT.withPermessageDeflate(true).withDeflate(DeflateSettings.DEFAULT.withThresholdBytes(64));
        String large = DOCUMENT.repeat(50);
        try (GatewayFixture gw = gateway(limits);
                RawWebSocket shared = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover");
                RawWebSocket takeover = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate")) {
            fanOut(gw.http(), body(List.of(rawId(shared), rawId(takeover)), large));

            RawWebSocket.Frame whole = shared.readFrame();
            assertThat(large.length()).isGreaterThan(Limits.DEFAULT.maxFrameBytes());
            assertThat(whole.fin()).as("compressed before splitting: one frame").isTrue();
            assertThat(whole.rsv1()).isTrue();
            assertThat(inflate(new Inflater(true), whole.payload())).isEqualTo(large);
            RawWebSocket.Frame first = takeover.readFrame();
            assertThat(first.fin()).as("compressed per connection after splitting into frames").isFalse();
            assertThat(first.rsv1()).isTrue();
        }
    }

    @Test
    void withoutServerContextTakeoverEveryCompressingClientIsAnsweredWithoutIt() throws Exception {
        Limits limits = Limits.DEFAULT.withPermessageDeflate(true)
                .withDeflate(new DeflateSettings(64, false));
        try (GatewayFixture gw = gateway(limits);
                RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate")) {
            assertThat(raw.responseHead()).containsIgnoringCase("server_no_context_takeover");
            fanOut(gw.http(), body(List.of(rawId(raw)), DOCUMENT));
            RawWebSocket.Frame frame = raw.readFrame();
            assertThat(frame.rsv1()).isTrue();
            assertThat(inflate(new Inflater(true), frame.payload())).isEqualTo(DOCUMENT);
        }
    }

    private static String rawId(RawWebSocket raw) throws Exception {
        raw.frame(0x1, true, "{\"action\":\"whoami\"}".getBytes(StandardCharsets.UTF_8));
        RawWebSocket.Frame reply = raw.readFrame();
        assertThat(reply.rsv1()).as("a reply below the threshold is not compressed").isFalse();
        return new String(reply.payload(), StandardCharsets.UTF_8);
    }

    /** Inflates one permessage-deflate message (RFC 7692 §7.2.2: the stripped tail is appended again). */
    private static String inflate(Inflater inflater, byte[] compressed) throws Exception {
        byte[] input = java.util.Arrays.copyOf(compressed, compressed.length + 4);
        input[input.length - 2] = (byte) 0xff;
        input[input.length - 1] = (byte) 0xff;
        inflater.setInput(input);
        byte[] out = new byte[1 << 20];
        int n = inflater.inflate(out);
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static String document() {
        StringBuilder json = new StringBuilder("{\"type\":\"prices\",\"items\":[");
        for (int i = 0; json.length() < 2000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"symbol\":\"SYM").append(i).append("\",\"price\":")
                    .append(100 + i % 7).append(".25,\"currency\":\"EUR\",\"venue\":\"XETRA\"}");
        }
        return json.append("]}").toString();
    }
}
