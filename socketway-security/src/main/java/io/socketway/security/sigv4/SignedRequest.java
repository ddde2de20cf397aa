package io.socketway.security.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Holds the parts of an HTTP request that a SigV4 signature covers, exactly as received.
 *
 * <p>{@code rawPath} and {@code rawQuery} are the percent-encoded forms from the request line, never decoded:
 * the canonical request is built from them. {@code headers} keep the received order and case; repeated headers are
 * separate entries. The body array is not copied, so the caller must not change it after construction. Instances are
 * otherwise immutable and thread-safe.
 *
 * @param method the HTTP method, for example {@code POST}
 * @param rawPath the path as sent, for example {@code /dev/@connections/abc%3D}
 * @param rawQuery the query string as sent, without {@code ?}; empty when there is none
 * @param headers every header as a name/value entry, in received order and case
 * @param body the request body; empty when there is none
 */
public record SignedRequest(
        String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body) {

    /** Checks for nulls and copies the header list into immutable entries. */
    public SignedRequest {
        requireNonNull(method, "method");
        requireNonNull(rawPath, "rawPath");
        requireNonNull(rawQuery, "rawQuery");
        requireNonNull(body, "body");
        headers = copyOf(requireNonNull(headers, "headers"));
    }

    /** Returns the values of every header named {@code name}, compared without case, in received order. */
    List<String> headerValues(String name) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    private static List<Map.Entry<String, String>> copyOf(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            copy.add(Map.entry(header.getKey(), header.getValue()));
        }
        return List.copyOf(copy);
    }

    /** Compares the body by content, unlike the default record equality for arrays. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SignedRequest that
                && method.equals(that.method)
                && rawPath.equals(that.rawPath)
                && rawQuery.equals(that.rawQuery)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    /** Hashes the body by content, consistently with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * method.hashCode() + rawPath.hashCode()) + rawQuery.hashCode())
                + headers.hashCode()) + Arrays.hashCode(body);
    }

    /** Returns the request line, the header names and the body length; header values and body stay out of logs. */
    @Override
    public String toString() {
        List<String> names = headers.stream().map(Map.Entry::getKey).toList();
        return "SignedRequest[" + method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
                + ", headers=" + names + ", body=" + body.length + " bytes]";
    }
}
