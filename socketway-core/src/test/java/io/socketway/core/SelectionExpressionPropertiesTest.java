package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.testing.RandomInputs;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Selection expressions and message bodies of any shape: evaluation always answers and never throws. */
class SelectionExpressionPropertiesTest {
    private static final SelectionExpression ACTION = SelectionExpression.compile("$request.body.action");
    private static final SelectionExpression NESTED =
            SelectionExpression.compile("${request.body.a.b}/${request.body.c[0]}-x");

    private final RandomInputs random = RandomInputs.forTests();

    @Test
    void anyTextEvaluatesWithoutThrowing() {
        random.forAll(2000, r -> r.string(300), body -> {
            Optional<String> a = ACTION.evaluate(body);
            Optional<String> b = NESTED.evaluate(body);
            assertThat(a.isPresent()).isEqualTo(b.isPresent());
        });
    }

    @Test
    void jsonLikeTextEvaluatesWithoutThrowing() {
        random.forAll(1000, SelectionExpressionPropertiesTest::jsonish, body -> {
            ACTION.evaluate(body);
            NESTED.evaluate(body);
        });
    }

    @Test
    void actionValuesRoundTrip() {
        random.forAll(500, r -> r.string(50), action -> {
            String body = "{\"x\":[1,{\"y\":null}],\"action\":" + Json.quote(action) + "}";
            assertThat(ACTION.evaluate(body)).contains(action);
        });
    }

    @Test
    void anyExpressionEitherCompilesOrIsRejectedWithAMessage() {
        random.forAll(1000, r -> r.string(60), expression -> {
            try {
                SelectionExpression.compile(expression).evaluate("{\"a\":1}");
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains("selection expression");
            }
        });
    }

    private static String jsonish(RandomInputs random) {
        return random.stringOf("{}[]\":,0123456789.eE-+ actionbtruefalsn\\u", 200);
    }
}
