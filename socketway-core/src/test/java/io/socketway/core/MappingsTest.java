package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code RequestParameters} sources, evaluated for one connect event. */
class MappingsTest {
    private static final HandshakeRequest HANDSHAKE = new HandshakeRequest("dev", List.of(
                    new SimpleEntry<>("Accept", "text/plain"),
                    new SimpleEntry<>("x-tag", "a"),
                    new SimpleEntry<>("X-Tag", "b")),
            Map.of("id", List.of("1", "2")), "192.0.2.1", "gw.example", 443, true);
    private static final Connection CONNECTION = new Connection("TXzPWdnOjoECGjA=", "dev", 0, "192.0.2.1", null,
            "gw.example", Map.of());
    private static final IntegrationEvent EVENT = new IntegrationEvent(CONNECTION, "CONNECT", "$connect",
            "JC1dgf9yoAMCK-g=", null, HANDSHAKE, Map.of("env", "test"),
            new LambdaEvent(() -> Map.of("requestContext", Map.of("apiId", "abc123"))));

    @Test
    void multiValueSourcesJoinEveryValueWithCommas() {
        assertThat(Mappings.source("route.request.multivalueheader.X-TAG", EVENT)).contains("a,b");
        assertThat(Mappings.source("route.request.header.x-tag", EVENT)).as("single: the first").contains("a");
        assertThat(Mappings.source("route.request.multivaluequerystring.id", EVENT)).contains("1,2");
        assertThat(Mappings.source("route.request.querystring.id", EVENT)).as("single: the last").contains("2");
        assertThat(Mappings.source("route.request.multivalueheader.missing", EVENT)).isEmpty();
        assertThat(Mappings.source("route.request.multivaluequerystring.missing", EVENT)).isEmpty();
    }

    @Test
    void contextSourcesReachTheWholeRequestContext() {
        assertThat(Mappings.source("context.connectionId", EVENT)).contains("TXzPWdnOjoECGjA=");
        assertThat(Mappings.source("context.apiId", EVENT)).contains("abc123");
        assertThat(Mappings.source("context.nothing", EVENT)).isEmpty();
        assertThat(Mappings.source("stageVariables.env", EVENT)).contains("test");
        assertThat(Mappings.source("'literal'", EVENT)).contains("literal");
    }
}
