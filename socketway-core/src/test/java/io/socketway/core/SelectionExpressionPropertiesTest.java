package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Selection expressions and message bodies of any shape: evaluation always answers and never throws. */
class SelectionExpressionPropertiesTest {
    private static final SelectionExpression ACTION = SelectionExpression.compile("$request.body.action");
    private static final SelectionExpression NESTED =
            SelectionExpression.compile("${request.body.a.b}/${request.body.c[0]}-x");

    @Property(tries = 2000)
    void anyTextEvaluatesWithoutThrowing(@ForAll @StringLength(max = 300) String body) {
        Optional<String> a = ACTION.evaluate(body);
        Optional<String> b = NESTED.evaluate(body);
        assertThat(a.isPresent()).isEqualTo(b.isPresent());
    }

    @Property(tries = 1000)
    void jsonLikeTextEvaluatesWithoutThrowing(@ForAll("jsonish") String body) {
        ACTION.evaluate(body);
        NESTED.evaluate(body);
    }

    @Property(tries = 500)
    void actionValuesRoundTrip(@ForAll @StringLength(max = 50) String action) {
        String body = "{\"x\":[1,{\"y\":null}],\"action\":" + Json.quote(action) + "}";
        assertThat(ACTION.evaluate(body)).contains(action);
    }

    @Property(tries = 1000)
    void anyExpressionEitherCompilesOrIsRejectedWithAMessage(@ForAll @StringLength(max = 60) String expression) {
        try {
            SelectionExpression.compile(expression).evaluate("{\"a\":1}");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("selection expression");
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ actionbtruefalsn\\u").ofMaxLength(200);
    }
}
