package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.socketway.core.ClientAddressSettings;
import io.socketway.core.RateLimits;
import io.socketway.core.SecuritySettings;
import io.socketway.testing.TestWebSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node behind load balancers: the client's address comes from {@code X-Forwarded-For} of trusted proxies only, or
 * from a PROXY protocol header, and it is the address that events, per-address limits and management's loopback rule
 * see.
 */
@Timeout(30)
class ClientAddressTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestRuntime runtime;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private GatewayFixture gateway(ClientAddressSettings addresses, int connectionsPerIp) {
        runtime = new TestRuntime()
                .handler("connect", e -> Map.of("statusCode", 200))
                .handler("ip", e -> Map.of("body", e.at("/requestContext/identity/sourceIp").asText()));
        RateLimits d = RateLimits.DEFAULT;
        GatewayFixture gw = new GatewayFixture(TestApi.create().route("$connect", "connect", false)
                .route("ip", "ip", true), runtime, s -> s
                .withSecurity(SecuritySettings.DEFAULT.withClientAddresses(addresses))
                .withRateLimits(new RateLimits(d.connectsPerSecond(), d.connectsPerSecondPerIp(), connectionsPerIp,
                        d.messagesPerSecond(), d.violationsBeforeClose())));
        open.add(gw);
        return gw;
    }

    private String sourceIpOf(GatewayFixture gw, String forwardedFor) throws Exception {
        TestWebSocket client = TestWebSocket.connect(gw.ws(), "X-Forwarded-For", forwardedFor);
        open.add(client);
        client.send("{\"action\":\"ip\"}");
        return client.next(WAIT);
    }

    @Test
    void aTrustedProxyNamesTheClientInXForwardedFor() throws Exception {
        GatewayFixture gw = gateway(new ClientAddressSettings(List.of("127.0.0.1", "10.0.0.0/8"), false), 1);

        assertThat(sourceIpOf(gw, "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(sourceIpOf(gw, "198.51.100.1, 10.1.2.3")).as("through a second, trusted proxy")
                .isEqualTo("198.51.100.1");
        assertThat(sourceIpOf(gw, "6.6.6.6, 198.51.100.2")).as("what the client wrote itself is ignored")
                .isEqualTo("198.51.100.2");
        assertThat(sourceIpOf(gw, "[2001:db8::7]:4711")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(runtime.events("CONNECT").get(0).at("/requestContext/identity/sourceIp").asText())
                .isEqualTo("203.0.113.9");

        assertThat(TestWebSocket.refusedStatus(gw.ws(), "X-Forwarded-For", "203.0.113.9"))
                .as("one connection per address: the client's, not the proxy's").isEqualTo(429);
        String id = gw.server.gateway().connections().stream()
                .filter(c -> c.sourceIp().equals("203.0.113.9")).findFirst().orElseThrow().id();
        HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(URI.create(gw.http() + "/@connections/" + id))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(view.body()).contains("\"sourceIp\":\"203.0.113.9\"");
    }

    @Test
    void functionsSeeTheForwardingHeadersAProxyChainWouldGiveThem() throws Exception {
        GatewayFixture gw = gateway(new ClientAddressSettings(List.of("127.0.0.1"), false), 0);
        TestWebSocket client = TestWebSocket.connect(gw.ws(), "X-Forwarded-For", "203.0.113.9",
                "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443");
        open.add(client);
        client.send("{\"action\":\"ip\"}");
        assertThat(client.next(WAIT)).isEqualTo("203.0.113.9");
        com.fasterxml.jackson.databind.JsonNode headers = runtime.events("CONNECT").get(0).get("headers");
        assertThat(headers.get("X-Forwarded-For").asText()).as("the proxy's address appended, as each hop does")
                .isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(headers.get("X-Forwarded-Proto").asText()).as("the trusted proxy terminated TLS").isEqualTo("https");
        assertThat(headers.get("X-Forwarded-Port").asText()).isEqualTo("443");
    }

    @Test
    void aForwardedForThatNamesNoAddressLeavesTheClientUnknownNotTheProxy() throws Exception {
        GatewayFixture gw = gateway(new ClientAddressSettings(List.of("127.0.0.1"), false), 0);
        assertThat(sourceIpOf(gw, "unknown")).isEqualTo("0.0.0.0");
        HttpResponse<String> relayed = HTTP.send(HttpRequest.newBuilder(URI.create(gw.http() + "/@connections"))
                .header("X-Forwarded-For", "unknown").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(relayed.statusCode()).as("not a loopback call").isEqualTo(403);
    }

    @Test
    void anUntrustedPeerCannotClaimAnAddress() throws Exception {
        GatewayFixture gw = gateway(ClientAddressSettings.DEFAULT, 0);
        assertThat(sourceIpOf(gw, "203.0.113.9")).isEqualTo("127.0.0.1");
        GatewayFixture elsewhere = gateway(new ClientAddressSettings(List.of("10.0.0.0/8"), false), 0);
        assertThat(sourceIpOf(elsewhere, "203.0.113.9")).isEqualTo("127.0.0.1");
    }

    @Test
    void aManagementCallRelayedByAProxyOnThisMachineIsNotALoopbackCall() throws Exception {
        GatewayFixture gw = gateway(new ClientAddressSettings(List.of("127.0.0.1"), false), 0);
        HttpResponse<String> relayed = HTTP.send(HttpRequest.newBuilder(URI.create(gw.http() + "/@connections"))
                .header("X-Forwarded-For", "203.0.113.9").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(relayed.statusCode()).isEqualTo(403);
        assertThat(relayed.body()).contains("loopback only");
        HttpResponse<String> local = HTTP.send(HttpRequest.newBuilder(URI.create(gw.http() + "/@connections"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(local.statusCode()).isEqualTo(200);
    }

    @Test
    void aProxyProtocolHeaderNamesTheClientInVersion1And2() throws Exception {
        GatewayFixture gw = gateway(new ClientAddressSettings(List.of(), true), 0);
        int port = gw.server.port();
        byte[] v1 = ("PROXY TCP4 198.51.100.7 127.0.0.1 5555 " + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawWebSocket one = RawWebSocket.connect(port, v1, "/dev");
                RawWebSocket two = RawWebSocket.connect(port, v2("198.51.100.8", port), "/dev")) {
            Awaitility.await().atMost(WAIT).until(() -> runtime.events("CONNECT").size() == 2);
            assertThat(runtime.events("CONNECT")).extracting(e -> e.at("/requestContext/identity/sourceIp").asText())
                    .containsExactlyInAnyOrder("198.51.100.7", "198.51.100.8");
        }
        assertThatThrownBy(() -> RawWebSocket.connect(port, "/dev")).as("no header: closed")
                .isInstanceOf(IOException.class);
    }

    @Test
    void onlyATrustedProxyMaySendAProxyProtocolHeader() {
        GatewayFixture gw = gateway(new ClientAddressSettings(List.of("10.0.0.0/8"), true), 0);
        assertThatThrownBy(() -> RawWebSocket.connect(gw.server.port(), v2("198.51.100.8", gw.server.port()), "/dev"))
                .isInstanceOf(IOException.class);
        assertThat(runtime.events("CONNECT")).isEmpty();
    }

    private static byte[] v2(String source, int port) {
        EmbeddedChannel channel = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        channel.writeOutbound(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                HAProxyProxiedProtocol.TCP4, source, "127.0.0.1", 5555, port));
        ByteBuf encoded = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
            channel.finishAndReleaseAll();
        }
    }
}
