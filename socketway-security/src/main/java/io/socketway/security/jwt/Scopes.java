package io.socketway.security.jwt;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Reads a token's scopes: {@code scope} (space-separated), or else {@code scp} (an array or a string). */
final class Scopes {
    private Scopes() {}

    static List<String> of(Map<String, @Nullable Object> payload) {
        Object scope = payload.get("scope");
        return (scope != null ? split(scope) : split(payload.get("scp"))).distinct().toList();
    }

    private static Stream<String> split(@Nullable Object value) {
        return switch (value) {
            case String text -> Arrays.stream(text.split("\\s+")).filter(scope -> !scope.isEmpty());
            case Collection<?> items -> items.stream().filter(String.class::isInstance).map(String.class::cast)
                    .flatMap(Scopes::split);
            case null, default -> Stream.empty();
        };
    }
}
