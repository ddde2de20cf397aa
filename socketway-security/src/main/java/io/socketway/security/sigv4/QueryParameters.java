package io.socketway.security.sigv4;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a raw query string into name/value pairs, in received order.
 *
 * <p>Decoding follows {@code URLDecoder}, as the SDK's own {@code SdkHttpUtils.urlDecode} does: {@code %XX} escapes
 * become UTF-8 bytes and {@code +} becomes a space. A parameter without {@code =} has the empty value, as SigV4 signs
 * it. Empty segments ({@code a=1&&b=2}) are skipped.
 */
final class QueryParameters {

    private QueryParameters() {}

    static List<Map.Entry<String, String>> parse(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String segment : rawQuery.split("&", -1)) {
            if (!segment.isEmpty()) {
                int equals = segment.indexOf('=');
                String name = equals < 0 ? segment : segment.substring(0, equals);
                String value = equals < 0 ? "" : segment.substring(equals + 1);
                parameters.add(Map.entry(decode(name), decode(value)));
            }
        }
        return parameters;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Denials.deny("Query string: '" + Denials.echo(raw)
                    + "' (expected: every '%' followed by two hexadecimal digits)");
        }
    }
}
