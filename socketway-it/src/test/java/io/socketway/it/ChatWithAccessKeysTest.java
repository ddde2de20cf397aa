package io.socketway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.core.GatewaySettings;
import io.socketway.core.SecuritySettings;
import io.socketway.security.sigv4.AccessKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once management calls must be signed ({@code --access-key}), the chat example's functions, which push through
 * {@code @connections} with the credentials in their environment, keep working without any setting: the node gives
 * them a key of its own, while unsigned calls from outside are refused.
 */
@Timeout(60)
class ChatWithAccessKeysTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AccessKey OPS = AccessKey.of("AKIDOPS", "ops-secret-key");

    @RegisterExtension
    final TemplateGatewayExtension gateway = TemplateGatewayExtension.of(Path.of("../examples/chat/template.yaml"),
            s -> s.withSecurity(SecuritySettings.DEFAULT.withAccessKeys(List.of(OPS))));

    @Test
    void functionsPushWithAKeyGeneratedForThemAndUnsignedCallsAreRefused() throws Exception {
        try (WsClient ann = WsClient.connect("ann", gateway.webSocketUrl("dev"), WAIT)) {
            ann.send("{\"action\":\"join\",\"name\":\"ann\"}");
            JsonNode joined = ann.nextJson(WAIT);
            assertThat(joined.path("type").asText()).as("the function's signed push").isEqualTo("joined");

            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    gateway.server().endpoint().httpBase() + "/dev/@connections")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);

            GatewaySettings settings = gateway.server().gateway().settings();
            String functionKey = settings.functionCredentials().accessKeyId();
            assertThat(functionKey).startsWith("AKIASWFN").hasSize(20).isNotEqualTo(OPS.accessKeyId());
            assertThat(settings.security().accessKeys()).extracting(AccessKey::accessKeyId)
                    .containsExactly(OPS.accessKeyId(), functionKey);
            assertThat(settings.functionCredentials().sessionToken()).isEmpty();
        }
    }
}
