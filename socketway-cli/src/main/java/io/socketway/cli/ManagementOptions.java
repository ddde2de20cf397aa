package io.socketway.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Options every {@code socketway connections} command shares: where the gateway is, how to sign, how to print.
 *
 * <p>Not thread-safe: picocli fills it on the main thread, which then builds one {@link ManagementClient}.
 */
final class ManagementOptions {
    static final String DEFAULT_BASE = "http://127.0.0.1:8080";
    static final String DEFAULT_STAGE = "dev";

    /** How results are printed. */
    enum Output { TABLE, JSON }

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "The gateway. For connections: its management base including the stage, as the AWS"
                    + " CLI's --endpoint-url (e.g. http://127.0.0.1:8080/dev or https://gw.example.com/prod; the"
                    + " Management URL that socketway run prints, ending in /@connections, works too); without a"
                    + " path, --stage is appended (default: " + DEFAULT_BASE + "/STAGE). For usage, only its"
                    + " scheme, host and port count.")
    Optional<String> endpoint = Optional.empty();

    @Option(names = "--stage", paramLabel = "STAGE",
            description = "The stage, when --endpoint has none (default: " + DEFAULT_STAGE + ").")
    Optional<String> stage = Optional.empty();

    @Option(names = "--access-key", paramLabel = "ID:SECRET",
            description = "Sign calls with SigV4 using this key of the gateway's --access-key list. Also read from"
                    + " SOCKETWAY_ACCESS_KEY, then from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and"
                    + " AWS_SESSION_TOKEN). Without any, calls are unsigned (a gateway without keys accepts them"
                    + " from loopback only).")
    Optional<String> accessKey = Optional.empty();

    @Option(names = "--region", defaultValue = "us-east-1",
            description = "Region in the signature; must match the gateway's --region (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (for people) or json (for scripts) (default: ${DEFAULT-VALUE}).")
    Output output = Output.TABLE;

    /** Returns a client for these options; {@code environment} supplies the credential variables. */
    ManagementClient client(Map<String, String> environment) {
        return new ManagementClient(base(), SigningKey.resolve(accessKey, environment), region);
    }

    /** Returns the management base: {@code --endpoint} (with {@code --stage} when it has no path) or the default. */
    URI base() {
        String text = endpoint.orElse(DEFAULT_BASE).trim();
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(invalidEndpoint(text));
        }
        if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(invalidEndpoint(text));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String api : new String[] {"/@connections", "/%40connections"}) {
            if (path.toLowerCase(Locale.ROOT).endsWith(api.toLowerCase(Locale.ROOT))) {
                // the banner's Management URL names the API itself; the base is the part before it
                path = path.substring(0, path.length() - api.length());
                uri = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
            }
        }
        if (path.isEmpty()) {
            return URI.create(uri + "/" + ManagementClient.encode(stage()));
        }
        if (stage.isPresent()) {
            throw new IllegalArgumentException("--stage: " + stage.get() + " (expected: either --stage or a stage in"
                    + " the --endpoint path " + text + ", not both)");
        }
        return uri;
    }

    private String stage() {
        String value = stage.orElse(DEFAULT_STAGE);
        if (value.isBlank() || value.contains("/")) {
            throw new IllegalArgumentException("--stage: '" + value + "' (expected: a stage name such as dev)");
        }
        return value;
    }

    private static String invalidEndpoint(String text) {
        return "--endpoint: " + text + " (expected: an http:// or https:// URL without query, such as"
                + " http://127.0.0.1:8080/dev)";
    }
}
