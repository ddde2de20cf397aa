package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SelectionExpressionTest {
    private static final String CHAT = "{\"service\":\"chat\",\"action\":\"join\"}";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "$request.body.action|join",
        "${request.body.action}|join",
        "${request.body.service}/${request.body.action}|chat/join",
        "action|action",
        "\\$default|$default",
        "${request.body.action}-${request.body.invalidPath}|join-",
    })
    void evaluatesTheSpecExamples(String expression, String expected) {
        assertThat(SelectionExpression.compile(expression).evaluate(CHAT)).contains(expected);
    }

    @Test
    void followsNestedPaths() {
        SelectionExpression e = SelectionExpression.compile("$request.body.service.do");
        assertThat(e.evaluate("{\"service\":{\"do\":\"x\"},\"other\":[1,2,{\"a\":3}]}")).contains("x");
    }

    @Test
    void rendersScalarsAndArraysAsText() {
        SelectionExpression e = SelectionExpression.compile("$request.body.action");
        assertThat(e.evaluate("{\"action\":1}")).contains("1");
        assertThat(e.evaluate("{\"action\":true}")).contains("true");
        assertThat(e.evaluate("{\"action\":[\"item1\",\"item2\"]}")).contains("[item1, item2]");
        assertThat(e.evaluate("{\"action\":null}")).contains("");
    }

    @Test
    void nonJsonAndTruncatedJsonAreNotEvaluable() {
        SelectionExpression e = SelectionExpression.compile("$request.body.action");
        assertThat(e.evaluate("hello")).isEmpty();
        assertThat(e.evaluate("{\"action\":\"join\", broken")).isEmpty();
        assertThat(e.evaluate("{\"action\":\"join\"} trailing")).isEmpty();
        assertThat(e.evaluate("")).isEmpty();
    }

    @Test
    void scalarJsonHasNoPathsSoItCannotBeEvaluated() {
        assertThat(SelectionExpression.compile("$request.body.action").evaluate("123")).isEmpty();
        assertThat(SelectionExpression.compile("${request.body.a}-x").evaluate("\"text\"")).as("not \"-x\"").isEmpty();
        assertThat(SelectionExpression.compile("$request.body.action").evaluate("[1,2]")).contains("");
    }

    @Test
    void aConstantExpressionStillNeedsJson() {
        SelectionExpression constant = SelectionExpression.compile("action");
        assertThat(constant.evaluate("plain text")).as("non-JSON text always goes to $default").isEmpty();
        assertThat(constant.evaluate("{\"x\":1}")).contains("action");
        assertThat(constant.evaluate("42")).contains("action");
    }

    @Test
    void findsValuesAfterLargeSiblings() {
        String big = "{\"payload\":{\"deep\":[" + "1,".repeat(10_000) + "1]},\"action\":\"late\"}";
        assertThat(SelectionExpression.compile("$request.body.action").evaluate(big)).contains("late");
    }

    @Test
    void rejectsVariablesOtherThanTheBody() {
        assertThatThrownBy(() -> SelectionExpression.compile("${request.header.x}"))
                .hasMessageContaining("request.header.x")
                .hasMessageContaining("expected: variables of the form $request.body.path");
    }

    @Test
    void quotedBracketsOutsideBracesGetAClearError() {
        assertThatThrownBy(() -> SelectionExpression.compile("$request.body.a['x']"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$request.body.a['x']")
                .hasMessageContaining("${request.body.a['name']}");
        assertThatThrownBy(() -> SelectionExpression.compile("${request.body.a['x]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SelectionExpression.compile("${request.body.a['x']}").evaluate("{\"a\":{\"x\":\"k\"}}"))
                .contains("k");
        assertThat(SelectionExpression.compile("$request.body.a[0]").evaluate("{\"a\":[\"first\"]}"))
                .contains("first");
    }
}
