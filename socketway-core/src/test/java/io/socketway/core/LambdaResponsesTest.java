package io.socketway.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaResponsesTest {
    @Test
    void readsTheProxyResponseShape() throws Exception {
        IntegrationResponse r = LambdaResponses.parse(
                "{\"statusCode\":401,\"headers\":{\"Sec-WebSocket-Protocol\":\"chat\"},\"body\":\"no\"}".getBytes(UTF_8));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.header("sec-websocket-protocol")).contains("chat");
        assertThat(r.body()).isEqualTo("no");
    }

    @Test
    void nullOrMissingStatusMeansOk() throws Exception {
        assertThat(LambdaResponses.parse("null".getBytes(UTF_8)).statusCode()).isEqualTo(200);
        assertThat(LambdaResponses.parse("{\"body\":\"x\"}".getBytes(UTF_8)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBareStringIsTheBody() throws Exception {
        assertThat(LambdaResponses.parse("\"hi\"".getBytes(UTF_8)).body()).isEqualTo("hi");
    }

    @Test
    void decodesBase64Bodies() throws Exception {
        assertThat(LambdaResponses.parse("{\"body\":\"aGk=\",\"isBase64Encoded\":true}".getBytes(UTF_8)).body())
                .isEqualTo("hi");
    }

    @Test
    void keepsTheDecodedBytesOfBase64BodiesOnly() throws Exception {
        IntegrationResponse binary = LambdaResponses.parse(
                "{\"body\":\"AP8C\",\"isBase64Encoded\":true}".getBytes(UTF_8));
        assertThat(binary.binaryBody()).containsExactly(0, -1, 2);
        assertThat(LambdaResponses.parse("{\"body\":\"AP8C\"}".getBytes(UTF_8)).binaryBody()).isNull();
        IntegrationResponse notBase64 = LambdaResponses.parse(
                "{\"body\":\"not base64!\",\"isBase64Encoded\":true}".getBytes(UTF_8));
        assertThat(notBase64.binaryBody()).isNull();
        assertThat(notBase64.body()).isEqualTo("not base64!");
    }

    @Test
    void rejectsNonJsonAndBadStatus() {
        assertThatThrownBy(() -> LambdaResponses.parse("oops".getBytes(UTF_8)))
                .isInstanceOf(IntegrationException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> LambdaResponses.parse("{\"statusCode\":\"abc\"}".getBytes(UTF_8)))
                .isInstanceOf(IntegrationException.class).hasMessageContaining("statusCode");
    }

    @Test
    void readsTreesAsTheirJsonWouldRead() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("a", 1);
        body.put("b", List.of(true, "x"));
        IntegrationResponse r = LambdaResponses.parse(Map.of("statusCode", 201.0, "body", body,
                "headers", Map.of("X-N", 7), "multiValueHeaders", Map.of("X-M", List.of("m1", "m2"))));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{\"a\":1,\"b\":[true,\"x\"]}");
        assertThat(r.header("x-n")).contains("7");
        assertThat(r.header("x-m")).contains("m1");
        assertThat(LambdaResponses.parse(Map.of("statusCode", "404")).statusCode()).isEqualTo(404);
        assertThat(LambdaResponses.parse(List.of(1, 2)).body()).isEqualTo("[1,2]");
        assertThat(LambdaResponses.parse(Map.of("body", "aGk=", "isBase64Encoded", "true")).body()).isEqualTo("hi");
        assertThatThrownBy(() -> LambdaResponses.parse(Map.of("statusCode", true)))
                .isInstanceOf(IntegrationException.class).hasMessageContaining("statusCode true");
        assertThatThrownBy(() -> LambdaResponses.parse(Map.of("statusCode", 600)))
                .isInstanceOf(IntegrationException.class).hasMessageContaining("statusCode 600");
    }

    @Test
    void messageResponsesIgnoreAnInvalidStatusAsAwsDoes() throws Exception {
        IntegrationResponse unset = LambdaResponses.parseIgnoringStatus(Map.of("statusCode", 0, "body", "reply"));
        assertThat(unset.body()).as("a Java APIGatewayV2WebSocketResponse with only a body").isEqualTo("reply");
        assertThat(unset.statusCode()).isEqualTo(200);
        assertThat(LambdaResponses.parseIgnoringStatus(Map.of("statusCode", "abc", "body", "b")).body()).isEqualTo("b");
        assertThat(LambdaResponses.parseIgnoringStatus(Map.of("statusCode", 500, "body", "b")).statusCode())
                .isEqualTo(500);
        assertThatThrownBy(() -> LambdaResponses.parse(Map.of("statusCode", 0, "body", "reply")))
                .as("$connect still needs a real status").isInstanceOf(IntegrationException.class)
                .hasMessageContaining("statusCode 0");
    }
}
