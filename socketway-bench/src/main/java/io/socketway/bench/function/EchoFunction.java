package io.socketway.bench.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The echo function of the gateway benchmarks: on a two-way route, returns the message body unchanged; on
 * {@code $connect} (and every other route without a body), answers 200.
 *
 * <p>Stateless and thread-safe.
 */
public final class EchoFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object body = event.get("body");
        return body == null ? Map.of("statusCode", 200) : Map.of("statusCode", 200, "body", body);
    }
}
