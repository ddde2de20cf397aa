package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.api.ApiDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.security.sigv4.AccessKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayBuilderTest {
    private static final ApiDefinition API = new ApiDefinition(Path.of(""), "Api", "api", "abcde12345",
            "$request.body.action", List.of(new StageDefinition("dev", Map.of())), Map.of(), Map.of(), "us-east-1",
            "123456789012", "test", List.of(), Map.of());

    @Test
    void refusesAPublicBindWithAnUnauthenticatedManagementApi() {
        GatewaySettings open = GatewaySettings.defaults().withHost("0.0.0.0");
        assertThatThrownBy(() -> Gateway.builder(API).settings(open).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--host: 0.0.0.0")
                .hasMessageContaining("--access-key")
                .hasMessageContaining("--insecure-management");
    }

    @Test
    void acceptsAPublicBindWithKeysOrAnExplicitInsecureFlag() {
        GatewaySettings keyed = GatewaySettings.defaults().withHost("0.0.0.0")
                .withSecurity(SecuritySettings.DEFAULT.withAccessKeys(List.of(AccessKey.of("AKID", "secret"))));
        GatewaySettings insecure = GatewaySettings.defaults().withHost("0.0.0.0")
                .withSecurity(SecuritySettings.DEFAULT.withInsecureManagement(true));
        assertThatCode(() -> Gateway.builder(API).settings(keyed).build().close()).doesNotThrowAnyException();
        assertThatCode(() -> Gateway.builder(API).settings(insecure).build().close()).doesNotThrowAnyException();
        assertThatCode(() -> Gateway.builder(API).settings(GatewaySettings.defaults().withHost("::1")).build().close())
                .doesNotThrowAnyException();
    }
}
