package io.socketway.bench.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The echo function of the gateway benchmarks: on a two-way route, returns the message body unchanged (a base64 body
 * of a binary message with {@code isBase64Encoded: true}, so it goes back as a binary message); on {@code $connect}
 * (and every other route without a body), answers 200.
 *
 * <p>Stateless and thread-safe.
 */
public final class EchoFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object body = event.get("body");
        if (body == null) {
            return Map.of("statusCode", 200);
        }
        return Boolean.TRUE.equals(event.get("isBase64Encoded"))
                ? Map.of("statusCode", 200, "body", body, "isBase64Encoded", true)
                : Map.of("statusCode", 200, "body", body);
    }
}
