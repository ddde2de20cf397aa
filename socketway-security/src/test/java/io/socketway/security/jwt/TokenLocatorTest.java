package io.socketway.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenLocatorTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln";

    @Test
    void readsTheAuthorizationHeaderWithOrWithoutBearer() {
        TokenLocator locator = TokenLocator.parse("$request.header.Authorization");

        assertThat(locator.find(headers("authorization", "Bearer " + TOKEN), none())).contains(TOKEN);
        assertThat(locator.find(headers("Authorization", "bEaReR   " + TOKEN), none())).contains(TOKEN);
        assertThat(locator.find(headers("Authorization", TOKEN), none())).contains(TOKEN);
        assertThat(locator.find(headers("Authorization", "Bearer "), none())).isEmpty();
        assertThat(locator.find(headers("Authorization", "  "), none())).isEmpty();
        assertThat(locator.find(headers("X-Other", TOKEN), none())).isEmpty();
    }

    @Test
    void readsAnyQueryStringParameter() {
        TokenLocator locator = TokenLocator.parse("$request.querystring.access_token");

        assertThat(locator.find(none(), Map.of("access_token", TOKEN)::get)).contains(TOKEN);
        assertThat(locator.find(headers("Authorization", TOKEN), Map.of("token", TOKEN)::get)).isEmpty();
        assertThat(locator.find(none(), Map.of("access_token", "")::get)).isEmpty();
    }

    @Test
    void acceptsWebSocketStyleExpressions() {
        assertThat(TokenLocator.parse("route.request.header.X-Token").find(headers("x-token", TOKEN), none()))
                .contains(TOKEN);
        assertThat(TokenLocator.parse(" route.request.querystring.token ").find(none(), Map.of("token", TOKEN)::get))
                .contains(TOKEN);
    }

    @Test
    void readsTheTokenFromTheSubprotocolListAndEchoesTheAppProtocol() {
        TokenLocator locator = TokenLocator.parse("$request.header.Sec-WebSocket-Protocol");
        Function<String, String> offered = headers("sec-websocket-protocol", "chat.v1, jwt." + TOKEN + ", chat.v0");

        assertThat(locator.find(offered, none())).contains(TOKEN);
        assertThat(locator.subprotocolToEcho(offered)).contains("chat.v1");
        assertThat(TokenLocator.carriesToken("jwt." + TOKEN)).isTrue();
        assertThat(TokenLocator.carriesToken("chat.v1")).isFalse();
    }

    @Test
    void findsNoTokenOrProtocolWhenTheClientOfferedNone() {
        TokenLocator locator = TokenLocator.parse("$request.header.Sec-WebSocket-Protocol");

        assertThat(locator.find(headers("Sec-WebSocket-Protocol", "chat.v1"), none())).isEmpty();
        assertThat(locator.find(headers("Sec-WebSocket-Protocol", "chat.v1, jwt."), none())).isEmpty();
        assertThat(locator.find(none(), none())).isEmpty();
        assertThat(locator.subprotocolToEcho(headers("Sec-WebSocket-Protocol", "jwt." + TOKEN))).isEmpty();
        assertThat(locator.subprotocolToEcho(none())).isEmpty();
    }

    @Test
    void leavesTheSubprotocolChoiceToTheIntegrationForOtherPlaces() {
        TokenLocator locator = TokenLocator.parse("$request.header.Authorization");

        assertThat(locator.subprotocolToEcho(headers("Sec-WebSocket-Protocol", "chat.v1"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Authorization", "$request.header.", "$request.path.token", "$context.authorizer.x",
            "stageVariables.token", "$request.header.Authorization, $request.querystring.token",
            "method.request.header.Authorization"})
    void refusesOtherIdentitySources(String identitySource) {
        assertThatIllegalArgumentException().isThrownBy(() -> TokenLocator.parse(identitySource))
                .withMessageContaining("identitySource: " + identitySource);
    }

    @Test
    void remembersItsExpression() {
        assertThat(TokenLocator.parse("$request.querystring.token").identitySource())
                .isEqualTo("$request.querystring.token");
    }

    private static Function<String, String> headers(String name, String value) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(name, value);
        return headers::get;
    }

    private static Function<String, String> none() {
        return name -> null;
    }
}
