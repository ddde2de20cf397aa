package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import org.junit.jupiter.api.Test;

/** A JSON template (tab-indented, no spaces after colons) reads through the same path as YAML. */
class JsonTemplateTest {

    @Test
    void readsTheSameApiAsTheEquivalentYamlTemplate() {
        ApiDefinition yaml = Fixtures.load("chat/template.yaml");
        ApiDefinition json = Fixtures.load("chat/template.json");

        assertThat(json).usingRecursiveComparison().ignoringFields("source").isEqualTo(yaml);
        assertThat(json.source().getFileName()).hasToString("template.json");
    }

    @Test
    void readsNestedObjectsAndLongFormIntrinsics() {
        ApiDefinition json = Fixtures.load("chat/template.json");

        assertThat(json.functions().get("SendMessageFunction").environment())
                .containsEntry("TABLE_NAME", "simple_websocket_connections");
        assertThat(json.outputs().get("WebSocketURI")).endsWith(".execute-api.us-east-1.amazonaws.com/Prod");
    }
}
