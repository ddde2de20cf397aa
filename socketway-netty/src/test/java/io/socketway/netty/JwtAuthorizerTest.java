package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.SecuritySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JWT authorizers on {@code $connect}: real tokens, real sockets, and the attacks they must refuse. */
@Timeout(60)
class JwtAuthorizerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private static final String ISSUER = "https://issuer.example.com";

    private TestRuntime runtime;
    private GatewayServer server;

    @BeforeEach
    void start() {
        runtime = new TestRuntime()
                .handler("connect", e -> Map.of("statusCode", 200))
                .handler("claims", e -> Map.of("body", e.at("/requestContext/authorizer/jwt/claims").toString()));
        GatewaySettings settings = GatewaySettings.defaults().withPort(0).withSecurity(SecuritySettings.DEFAULT
                .withJwtKeys(Optional.empty(), Optional.empty(), Optional.of(SECRET), Duration.ofSeconds(30)));
        server = GatewayServer.start(Gateway.builder(TestApi.create()
                        .jwtAuthorizer("$request.querystring.token", ISSUER, "chat")
                        .route("claims", "claims", true).build())
                .settings(settings).functionRuntime(runtime).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String ws() {
        return "ws://127.0.0.1:" + server.port() + "/dev";
    }

    private static String token(String audience, Instant expires, String secret) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject("ann")
                .expirationTime(Date.from(expires)).claim("scope", "read write").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String valid() throws Exception {
        return token("chat", Instant.now().plusSeconds(300), SECRET);
    }

    @Test
    void validTokenConnectsAndItsClaimsReachEveryEvent() throws Exception {
        try (TestWebSocket client = TestWebSocket.connect(ws() + "?token=" + valid())) {
            client.send("{\"action\":\"claims\"}");
            JsonNode claims = TestRuntime.JSON.readTree(client.next(WAIT));
            assertThat(claims.get("sub").asText()).isEqualTo("ann");
            assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
            assertThat(claims.get("exp").isTextual()).isTrue();
        }
        assertThat(runtime.events("CONNECT").get(0).at("/requestContext/authorizer/jwt/scopes").toString())
                .isEqualTo("[\"read\",\"write\"]");
    }

    @Test
    void refusesMissingForgedExpiredForeignAndUnsignedTokens() throws Exception {
        assertThat(TestWebSocket.refusedStatus(ws())).isEqualTo(401);
        assertThat(TestWebSocket.refusedStatus(ws() + "?token=" + token("chat", Instant.now().plusSeconds(300),
                "another-secret-that-is-also-32-bytes!!"))).isEqualTo(401);
        assertThat(TestWebSocket.refusedStatus(ws() + "?token=" + token("chat", Instant.now().minusSeconds(600), SECRET)))
                .isEqualTo(401);
        assertThat(TestWebSocket.refusedStatus(ws() + "?token=" + token("billing", Instant.now().plusSeconds(300), SECRET)))
                .isEqualTo(401);
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"" + ISSUER
                + "\",\"aud\":\"chat\",\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}")
                .getBytes(StandardCharsets.UTF_8));
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + payload + ".";
        assertThat(TestWebSocket.refusedStatus(ws() + "?token=" + none)).isEqualTo(401);
        assertThat(TestWebSocket.refusedStatus(ws() + "?token=garbage")).isEqualTo(401);
        assertThat(runtime.events("CONNECT")).isEmpty();
    }

    @Test
    void browsersCarryTheTokenAsASubprotocolAndGetTheirAppProtocolBack() throws Exception {
        server.close();
        GatewaySettings settings = GatewaySettings.defaults().withPort(0).withSecurity(SecuritySettings.DEFAULT
                .withJwtKeys(Optional.empty(), Optional.empty(), Optional.of(SECRET), Duration.ofSeconds(30)));
        server = GatewayServer.start(Gateway.builder(TestApi.create()
                        .jwtAuthorizer("$request.header.Sec-WebSocket-Protocol", ISSUER, "chat").build())
                .settings(settings).functionRuntime(runtime).build());
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("chat.v1", "jwt." + valid())
                .buildAsync(URI.create(ws()), new WebSocket.Listener() {})
                .join();
        assertThat(socket.getSubprotocol()).isEqualTo("chat.v1");
        socket.abort();
    }
}
