package io.socketway.security.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and changes captured requests, as an attacker on the path would. */
final class Requests {

    private static final Pattern QUERY_DATE = Pattern.compile("(?:^|&)X-Amz-Date=(\\d{8}T\\d{6}Z)");

    private Requests() {}

    static Instant signedAt(SignedRequest request) {
        List<String> dates = request.headerValues("X-Amz-Date");
        if (!dates.isEmpty()) {
            return AmzDate.parse(dates.get(0));
        }
        Matcher matcher = QUERY_DATE.matcher(request.rawQuery());
        if (!matcher.find()) {
            throw new IllegalArgumentException("no signing date in " + request);
        }
        return AmzDate.parse(matcher.group(1));
    }

    static String header(SignedRequest request, String name) {
        return request.headerValues(name).get(0);
    }

    /** Replaces every value of {@code name} with one {@code value}, in place of the first, or appends it. */
    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean replaced = false;
        for (Map.Entry<String, String> header : request.headers()) {
            if (!header.getKey().equalsIgnoreCase(name)) {
                headers.add(header);
            } else if (!replaced) {
                headers.add(Map.entry(header.getKey(), value));
                replaced = true;
            }
        }
        if (!replaced) {
            headers.add(Map.entry(name, value));
        }
        return withHeaders(request, headers);
    }

    static SignedRequest addHeader(SignedRequest request, String name, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
        headers.add(Map.entry(name, value));
        return withHeaders(request, headers);
    }

    static SignedRequest withoutHeader(SignedRequest request, String name) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
        headers.removeIf(header -> header.getKey().equalsIgnoreCase(name));
        return withHeaders(request, headers);
    }

    static SignedRequest withHeaders(SignedRequest request, List<Map.Entry<String, String>> headers) {
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    static SignedRequest withPath(SignedRequest request, String rawPath) {
        return new SignedRequest(request.method(), rawPath, request.rawQuery(), request.headers(), request.body());
    }

    static SignedRequest withQuery(SignedRequest request, String rawQuery) {
        return new SignedRequest(request.method(), request.rawPath(), rawQuery, request.headers(), request.body());
    }

    static SignedRequest withBody(SignedRequest request, String body) {
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static SignedRequest withMethod(SignedRequest request, String method) {
        return new SignedRequest(method, request.rawPath(), request.rawQuery(), request.headers(), request.body());
    }
}
