package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.api.ApiDefinition;
import io.socketway.api.AuthorizationType;
import io.socketway.api.AuthorizerDefinition;
import io.socketway.api.IgnoredItem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizersTest {
    private static final Path TEMPLATE = Path.of("src/test/resources/authorizers/template.yaml");

    @Test
    void readsRequestAuthorizersBackedByATemplateFunction() {
        ApiDefinition api = TemplateLoader.load(TEMPLATE);
        AuthorizerDefinition auth = api.connectAuthorizer().orElseThrow();
        assertThat(auth.type()).isEqualTo(AuthorizationType.CUSTOM);
        assertThat(auth.functionLogicalId()).contains("AuthFunction");
        assertThat(auth.identitySource()).containsExactly("route.request.header.Auth", "route.request.querystring.room");
        assertThat(api.functions()).containsKey("AuthFunction");
    }

    @Test
    void readsJwtAuthorizers() {
        AuthorizerDefinition jwt = TemplateLoader.load(TEMPLATE).authorizers().get("JwtAuthorizer");
        assertThat(jwt.type()).isEqualTo(AuthorizationType.JWT);
        assertThat(jwt.issuer()).contains("https://issuer.example.com");
        assertThat(jwt.audiences()).containsExactly("chat", "admin");
        assertThat(jwt.identitySource()).containsExactly("$request.querystring.token");
    }

    @Test
    void authorizationOnOtherRoutesIsListedAsIgnored() {
        ApiDefinition api = TemplateLoader.load(TEMPLATE);
        assertThat(api.route("send").orElseThrow().authorizationType()).isEqualTo(AuthorizationType.NONE);
        assertThat(api.ignored()).extracting(IgnoredItem::path)
                .contains("Resources.MessageRoute.Properties.AuthorizationType");
    }

    @Test
    void customRouteMustNameARequestAuthorizer(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("template.yaml");
        Files.writeString(broken, Files.readString(TEMPLATE)
                .replace("AuthorizerId: !Ref RequestAuthorizer", "AuthorizerId: !Ref JwtAuthorizer"));
        assertThatThrownBy(() -> TemplateLoader.load(broken))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("template.yaml:")
                .hasMessageContaining("Resources.ConnectRoute.Properties.AuthorizerId")
                .hasMessageContaining("AuthorizerType REQUEST: RequestAuthorizer");
    }

    @Test
    void requestAuthorizerIdentitySourcesAreChecked(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("template.yaml");
        Files.writeString(broken, Files.readString(TEMPLATE)
                .replace("- route.request.querystring.room", "- request.header.Auth"));
        assertThatThrownBy(() -> TemplateLoader.load(broken))
                .hasMessageContaining("Resources.RequestAuthorizer.Properties.IdentitySource[1]")
                .hasMessageContaining("\"request.header.Auth\"")
                .hasMessageContaining("expected: identity sources such as route.request.header.Auth");
    }

    @Test
    void jwtAuthorizerNeedsConfiguration(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("template.yaml");
        Files.writeString(broken, Files.readString(TEMPLATE)
                .replace("        Issuer: https://issuer.example.com\n", ""));
        assertThatThrownBy(() -> TemplateLoader.load(broken))
                .hasMessageContaining("Resources.JwtAuthorizer.Properties.JwtConfiguration.Issuer")
                .hasMessageContaining("expected: the token issuer URL");
    }
}
