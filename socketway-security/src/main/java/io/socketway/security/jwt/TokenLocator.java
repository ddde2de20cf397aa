package io.socketway.security.jwt;

import static io.socketway.api.Checks.notNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds the token in a {@code $connect} upgrade request, where a JWT authorizer's {@code IdentitySource} points.
 * Immutable and thread-safe.
 *
 * <p>Three places are understood, each written {@code $request.…} (HTTP API style) or {@code route.request.…}
 * (WebSocket style):
 * <ul>
 *   <li>{@code $request.header.Authorization}, or any other header: the value, without a leading {@code Bearer }
 *       (any case), as API Gateway accepts it;</li>
 *   <li>{@code $request.querystring.token}, any parameter name: the (already decoded) value, also without
 *       {@code Bearer };</li>
 *   <li>{@code $request.header.Sec-WebSocket-Protocol}: for browsers, which cannot set headers. The client offers its
 *       application protocol plus one named {@value #TOKEN_PROTOCOL_PREFIX}{@code <token>}, e.g.
 *       {@code new WebSocket(url, ["chat.v1", "jwt.eyJhbGciOi…"])}. The token is what follows the prefix; the gateway
 *       must answer with the application protocol ({@link #subprotocolToEcho}) and never echo a {@code jwt.} one.</li>
 * </ul>
 * A value that is missing or blank means no token: the gateway answers 401 without verifying anything.
 */
public final class TokenLocator {

    /** The prefix of the subprotocol that carries the token in {@code Sec-WebSocket-Protocol}. */
    public static final String TOKEN_PROTOCOL_PREFIX = "jwt.";

    private static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    private static final Pattern EXPRESSION =
            Pattern.compile("(?:\\$request|route\\.request)\\.(header|querystring)\\.([^\\s,]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)^bearer\\s+");

    private enum Place { HEADER, QUERY, SUBPROTOCOL }

    private final String identitySource;
    private final Place place;
    private final String name;

    private TokenLocator(String identitySource, Place place, String name) {
        this.identitySource = identitySource;
        this.place = place;
        this.name = name;
    }

    /**
     * Returns the locator for one identity source expression, such as {@code $request.header.Authorization}.
     *
     * @throws IllegalArgumentException for anything but one header or query-string expression
     */
    public static TokenLocator parse(String identitySource) {
        String expression = notNull(identitySource, "identitySource").strip();
        Matcher matcher = EXPRESSION.matcher(expression);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("identitySource: " + identitySource
                    + " (expected: one of $request.header.NAME, $request.querystring.NAME, or route.request.…)");
        }
        return new TokenLocator(expression, placeOf(matcher.group(1), matcher.group(2)), matcher.group(2));
    }

    /**
     * Returns the token of a request, or empty when its identity source is missing or blank.
     *
     * @param header looks a header up by name, ignoring case as HTTP does; {@code null} when absent. Repeated headers
     *     come joined with {@code ", "}.
     * @param query looks a decoded query-string parameter up; {@code null} when absent
     */
    public Optional<String> find(
            Function<String, @Nullable String> header, Function<String, @Nullable String> query) {
        notNull(header, "header");
        notNull(query, "query");
        return switch (place) {
            case HEADER -> withoutBearer(header.apply(name));
            case QUERY -> withoutBearer(query.apply(name));
            case SUBPROTOCOL -> protocols(header).filter(TokenLocator::carriesToken).findFirst()
                    .map(protocol -> protocol.substring(TOKEN_PROTOCOL_PREFIX.length()))
                    .filter(token -> !token.isEmpty());
        };
    }

    /**
     * Returns the subprotocol the 101 response should name when the token rode in {@code Sec-WebSocket-Protocol}: the
     * first one offered that is not a {@code jwt.} carrier. Empty when this locator reads another place (the
     * {@code $connect} integration chooses then, as on AWS) or the client offered no other protocol, in which case a
     * browser will fail the handshake on its own.
     */
    public Optional<String> subprotocolToEcho(Function<String, @Nullable String> header) {
        notNull(header, "header");
        if (place != Place.SUBPROTOCOL) {
            return Optional.empty();
        }
        return protocols(header).filter(protocol -> !carriesToken(protocol)).findFirst();
    }

    /** Returns true when {@code protocol} is a token carrier, which the gateway must never echo. */
    public static boolean carriesToken(String protocol) {
        return notNull(protocol, "protocol").startsWith(TOKEN_PROTOCOL_PREFIX);
    }

    /** Returns the expression this locator was parsed from. */
    public String identitySource() {
        return identitySource;
    }

    @Override
    public String toString() {
        return "TokenLocator[" + identitySource + "]";
    }

    private static Place placeOf(String kind, String name) {
        if (kind.equals("querystring")) {
            return Place.QUERY;
        }
        return name.equalsIgnoreCase(SUBPROTOCOL_HEADER) ? Place.SUBPROTOCOL : Place.HEADER;
    }

    private Stream<String> protocols(Function<String, @Nullable String> header) {
        String offered = header.apply(SUBPROTOCOL_HEADER);
        return offered == null ? Stream.empty()
                : Arrays.stream(offered.split(",")).map(String::strip).filter(protocol -> !protocol.isEmpty());
    }

    private static Optional<String> withoutBearer(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        String token = BEARER.matcher(value.strip()).replaceFirst("").strip();
        return token.isEmpty() || token.toLowerCase(Locale.ROOT).equals("bearer") ? Optional.empty()
                : Optional.of(token);
    }
}
