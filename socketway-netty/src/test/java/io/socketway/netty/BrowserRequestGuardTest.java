package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.core.SecuritySettings;
import io.socketway.testing.TestWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Without access keys the management API trusts loopback callers, so a web page open in the operator's browser must
 * not be able to act through that trust: a page of another site (cross-site request forgery) and a page whose name
 * was re-pointed at 127.0.0.1 (DNS rebinding) get 403 for pushes, listings and drains, while SDKs, the CLI and
 * functions (which send no {@code Origin}) on localhost or an address, and the node's own console, are unaffected.
 * Requests are written on a raw socket, since they must set {@code Host} as a browser would.
 */
@Timeout(30)
class BrowserRequestGuardTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aPageOfAnotherSiteCanNeitherPushNorListNorDrain() throws Exception {
        try (GatewayFixture gw = gateway(s -> s);
                TestWebSocket client = gw.connect()) {
            String id = idOf(client);
            String self = "127.0.0.1:" + gw.server.port();

            Reply push = call(gw, "POST", "/dev/@connections/" + id, "forged",
                    Map.of("Host", self, "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"));
            assertThat(push.status()).isEqualTo(403);
            assertThat(push.body()).contains("Cross-site management calls are refused (Sec-Fetch-Site: cross-site)");
            Reply oldBrowser = call(gw, "POST", "/dev/@connections/" + id, "forged",
                    Map.of("Host", self, "Origin", "http://evil.example"));
            assertThat(oldBrowser.status()).as("a browser without Sec-Fetch-Site still sends Origin on a POST")
                    .isEqualTo(403);
            assertThat(oldBrowser.body()).contains("Origin: http://evil.example, Host: " + self);
            Reply sameSite = call(gw, "POST", "/dev/@connections/" + id, "forged",
                    Map.of("Host", self, "Origin", "http://127.0.0.1:1", "Sec-Fetch-Site", "same-site"));
            assertThat(sameSite.status()).as("another port of the same host is another origin").isEqualTo(403);
            Reply opaque = call(gw, "POST", "/dev/@connections/" + id, "forged",
                    Map.of("Host", self, "Origin", "null"));
            assertThat(opaque.status()).as("a sandboxed frame's opaque origin").isEqualTo(403);

            Reply console = call(gw, "POST", "/dev/@connections/" + id, "from the console",
                    Map.of("Host", self, "Origin", "http://" + self, "Sec-Fetch-Site", "same-origin"));
            assertThat(console.status()).as("the node's own console").isEqualTo(200);
            assertThat(client.next(WAIT)).as("no forged push reached the client before the console's")
                    .isEqualTo("from the console");
            assertThat(call(gw, "POST", "/dev/@connections/" + id, "from an SDK", Map.of("Host", self)).status())
                    .isEqualTo(200);
            assertThat(client.next(WAIT)).isEqualTo("from an SDK");

            assertThat(call(gw, "GET", "/dev/@connections", "", Map.of("Host", self, "Sec-Fetch-Site", "cross-site"))
                    .status()).isEqualTo(403);
            assertThat(call(gw, "GET", "/dev/@connections", "", Map.of("Host", self, "Sec-Fetch-Site", "none"))
                    .status()).as("typed into the address bar").isEqualTo(200);
            assertThat(call(gw, "GET", "/_socketway/console/config.json", "",
                    Map.of("Host", self, "Sec-Fetch-Site", "cross-site")).status()).isEqualTo(403);

            assertThat(call(gw, "POST", "/_socketway/drain", "",
                    Map.of("Host", self, "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site")).status())
                    .isEqualTo(403);
            assertThat(gw.server.gateway().isDraining()).isFalse();
            assertThat(call(gw, "GET", "/_socketway/ready", "", Map.of("Host", self)).status()).isEqualTo(200);
        }
    }

    @Test
    void aNameOtherThanLocalhostIsRefusedUnlessConfigured() throws Exception {
        try (GatewayFixture gw = gateway(s -> s);
                TestWebSocket client = gw.connect()) {
            String id = idOf(client);
            String rebound = "rebind.example:" + gw.server.port();

            Reply list = call(gw, "GET", "/dev/@connections", "", Map.of("Host", rebound));
            assertThat(list.status()).as("a same-origin GET, which carries no Origin over plain HTTP").isEqualTo(403);
            assertThat(list.body()).contains("(Host: " + rebound + ")", "DNS rebinding").doesNotContain(id);
            assertThat(call(gw, "POST", "/_socketway/drain", "",
                    Map.of("Host", rebound, "Origin", "http://" + rebound)).status()).isEqualTo(403);
            assertThat(gw.server.gateway().isDraining()).isFalse();
            assertThat(call(gw, "POST", "/dev/@connections/" + id, "rebound", Map.of("Host", rebound)).status())
                    .isEqualTo(403);
            Reply odd = call(gw, "POST", "/_socketway/drain", "", Map.of("Host", "a\"b\\c.example"));
            assertThat(odd.status()).isEqualTo(403);
            assertThat(new ObjectMapper().readTree(odd.body()).get("message").asText())
                    .as("the refusal stays valid JSON whatever the Host holds").contains("(Host: a\"b\\c.example)");

            for (String host : new String[] {"localhost", "app.localhost", "LOCALHOST.", "127.0.0.1", "[::1]"}) {
                assertThat(call(gw, "GET", "/dev/@connections", "",
                        Map.of("Host", host + ":" + gw.server.port(), "Sec-Fetch-Site", "same-origin")).status())
                        .as("http://%s:port", host).isEqualTo(200);
            }
            assertThat(call(gw, "POST", "/dev/@connections/" + id, "no host", Map.of()).status())
                    .as("an HTTP/1.0-style client without Host").isEqualTo(200);
            assertThat(client.next(WAIT)).as("the refused push never arrived").isEqualTo("no host");
        }
    }

    @Test
    void aConfiguredNameIsAccepted() throws Exception {
        try (GatewayFixture gw = gateway(s -> s.withSecurity(
                        SecuritySettings.DEFAULT.withManagementHostNames(List.of("gateway.test"))));
                TestWebSocket client = gw.connect()) {
            String id = idOf(client);
            assertThat(call(gw, "POST", "/dev/@connections/" + id, "by name",
                    Map.of("Host", "Gateway.Test:" + gw.server.port())).status()).isEqualTo(200);
            assertThat(client.next(WAIT)).isEqualTo("by name");
            assertThat(call(gw, "GET", "/dev/@connections", "", Map.of("Host", "other.test:" + gw.server.port()))
                    .status()).isEqualTo(403);
        }
    }

    @Test
    void theNodesOwnHostNameIsAcceptedLikeAManagementHost() {
        SecuritySettings named = SecuritySettings.DEFAULT.withManagementHostNames(List.of("gateway.test"));
        assertThat(ManagementAccess.hostNames(named, "Node-1.Internal")).containsExactly("gateway.test",
                "node-1.internal");
        assertThat(ManagementAccess.hostNames(named, "127.0.0.1")).containsExactly("gateway.test");
        assertThat(ManagementAccess.hostNames(SecuritySettings.DEFAULT, "::1")).isEmpty();
    }

    @Test
    void insecureManagementStillRefusesOtherSitesButAcceptsAnyName() throws Exception {
        try (GatewayFixture gw = gateway(s -> s.withSecurity(SecuritySettings.DEFAULT.withInsecureManagement(true)));
                TestWebSocket client = gw.connect()) {
            String id = idOf(client);
            String named = "gateway.internal:" + gw.server.port();
            assertThat(call(gw, "GET", "/dev/@connections/" + id, "",
                    Map.of("Host", named, "Sec-Fetch-Site", "same-origin")).status())
                    .as("a console reached through the node's DNS name").isEqualTo(200);
            assertThat(call(gw, "DELETE", "/dev/@connections/" + id, "",
                    Map.of("Host", named, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")).status())
                    .isEqualTo(403);
            assertThat(call(gw, "POST", "/dev/@connections/" + id, "still open", Map.of("Host", named)).status())
                    .isEqualTo(200);
            assertThat(client.next(WAIT)).isEqualTo("still open");
        }
    }

    private static GatewayFixture gateway(UnaryOperator<io.socketway.core.GatewaySettings> tweak) {
        TestRuntime runtime = new TestRuntime()
                .handler("whoami", e -> Map.of("body", e.at("/requestContext/connectionId").asText()));
        return new GatewayFixture(TestApi.create().route("whoami", "whoami", true), runtime,
                tweak);
    }

    private static String idOf(TestWebSocket client) throws Exception {
        client.send("{\"action\":\"whoami\"}");
        return client.next(WAIT);
    }

    private record Reply(int status, String body) {}

    /** One HTTP/1.1 request on its own connection, with exactly the given headers (Host included). */
    private static Reply call(GatewayFixture gw, String method, String path, String body, Map<String, String> headers)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gw.server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Length", String.valueOf(content.length));
            all.put("Connection", "close");
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new Reply(status, split < 0 ? "" : response.substring(split + 4));
        }
    }
}
