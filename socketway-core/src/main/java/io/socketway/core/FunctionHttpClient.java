package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Sends the HTTP requests of functions reached over HTTP (Lambda events POSTed to an {@code http(s)://} URL,
 * {@code HTTP_PROXY} integrations, {@code REQUEST} authorizers over HTTP). The gateway blocks its function's virtual
 * thread on the returned stage; an implementation never blocks the caller.
 *
 * <p>A stage fails with {@link FunctionHttpException} (its {@link FunctionHttpException.Kind} says why); it always
 * completes, at the latest when the request's timeout has passed. {@link #jdk} is the JDK {@code HttpClient}, used by
 * an embedded {@link Gateway}; the Netty transport brings pooled connections on its own event loops.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface FunctionHttpClient extends AutoCloseable {

    /** Sends {@code request}; the stage completes with the whole response, or fails with a FunctionHttpException. */
    CompletionStage<Response> send(Request request);

    /** Closes idle connections and releases resources; requests in flight may fail. */
    @Override
    void close();

    /**
     * Returns a client on the JDK's {@code HttpClient} (HTTP/1.1, its own connection pool and selector thread), whose
     * callbacks run on {@code executor}; responses over {@code settings.maxResponseBytes()} fail with
     * {@link FunctionHttpException.Kind#TOO_LARGE}.
     */
    static FunctionHttpClient jdk(Executor executor, FunctionHttpSettings settings) {
        return new JdkFunctionHttpClient(notNull(executor, "executor"), notNull(settings, "settings"));
    }

    /**
     * An HTTP request.
     *
     * @param method the method, such as {@code POST}
     * @param uri an absolute {@code http} or {@code https} URI
     * @param headers header names and values, sent in this order ({@code Host} and {@code Content-Length} are set by
     *     the client)
     * @param body the body, empty for none
     * @param timeout the time allowed from the call until the whole response has arrived
     */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        public Request {
            notNull(method, "method");
            notNull(uri, "uri");
            checkArgument("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()),
                    "uri: %s (expected: an http:// or https:// URL)", uri);
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(notNull(headers, "headers")));
            notNull(body, "body");
            checkArgument(timeout.toNanos() > 0, "timeout: %s (expected: > 0)", timeout);
        }

        /** Returns true for methods that may be sent twice without harm (RFC 9110 §9.2.2). */
        public boolean idempotent() {
            return switch (method) {
                case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" -> true;
                default -> false;
            };
        }
    }

    /**
     * An HTTP response.
     *
     * @param status the status code
     * @param headers header values by name, names compared without case
     * @param body the whole body, empty for none
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Response {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            notNull(headers, "headers").forEach((k, v) -> copy.put(k, List.copyOf(v)));
            headers = Collections.unmodifiableMap(copy);
            notNull(body, "body");
        }
    }
}
