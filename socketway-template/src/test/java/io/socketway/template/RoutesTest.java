package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IgnoredItem;
import io.socketway.api.RouteDefinition;
import io.socketway.api.StageDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routes: targets in their usual forms, two-way detection, authorizers and routes of other APIs. */
class RoutesTest {
    private final ApiDefinition api = Fixtures.load("routes/template.yaml");

    @Test
    void makesARouteTwoWayOnlyWithDefaultSelectionAndDefaultRouteResponse() {
        assertThat(api.routes().values()).filteredOn(RouteDefinition::twoWay)
                .extracting(RouteDefinition::routeKey).containsExactly("echo");
    }

    @Test
    void resolvesTargetsWrittenWithSubJoinAndGetAtt() {
        assertThat(api.routes().keySet())
                .containsExactly("echo", "noResponse", "responseOnly", "$connect", "$disconnect");
        for (String key : new String[] {"echo", "noResponse", "responseOnly", "$connect"}) {
            assertThat(api.route(key).orElseThrow().integration().orElseThrow().logicalId()).isEqualTo("Integ");
        }
        assertThat(api.route("echo").orElseThrow().logicalId()).isEqualTo("EchoRoute");
    }

    @Test
    void keepsARouteWithoutTarget() {
        assertThat(api.route("$disconnect").orElseThrow().integration()).isEmpty();
    }

    @Test
    void readsTheConnectRoutesAuthorizer() {
        assertThat(api.route("$connect").orElseThrow().authorizationType())
                .isEqualTo(io.socketway.api.AuthorizationType.CUSTOM);
        io.socketway.api.AuthorizerDefinition authorizer = api.connectAuthorizer().orElseThrow();
        assertThat(authorizer.name()).isEqualTo("auth");
        assertThat(authorizer.identitySource()).containsExactly("route.request.header.Auth");
        assertThat(authorizer.isHttp()).isTrue();
        assertThat(api.ignored()).extracting(IgnoredItem::path).doesNotContain("Resources.Authorizer");
    }

    @Test
    void ignoresAnHttpApiAndItsRoutes() {
        assertThat(api.ignored()).extracting(IgnoredItem::path).contains("Resources.HttpApi", "Resources.HttpRoute");
        assertThat(api.route("GET /items")).isEmpty();
    }

    @Test
    void servesOneStageNamedLocalWhenTheTemplateHasNone() {
        assertThat(api.stages()).containsExactly(new StageDefinition("local", Map.of()));
        assertThat(api.ignored()).filteredOn(item -> item.path().equals("Resources"))
                .singleElement().extracting(IgnoredItem::reason).asString().contains("'local'");
    }
}
