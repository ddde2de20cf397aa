package io.socketway.cli;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The access key that signs {@code @connections} calls, and where it came from (for error messages).
 *
 * <p>Immutable. {@link #toString()} never shows the secret.
 *
 * @param accessKeyId the key id, as given to the gateway's {@code --access-key}
 * @param secretAccessKey the secret
 * @param sessionToken {@code AWS_SESSION_TOKEN}, empty when none
 * @param source the option or variables it was read from
 */
record SigningKey(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String source) {

    static final String OPTION = "--access-key";
    static final String SOCKETWAY_ENV = "SOCKETWAY_ACCESS_KEY";

    /**
     * Returns the key to sign with: {@code --access-key}, else {@code SOCKETWAY_ACCESS_KEY}, else the standard
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (with {@code AWS_SESSION_TOKEN}); empty means unsigned.
     *
     * @throws IllegalArgumentException when the option or {@code SOCKETWAY_ACCESS_KEY} is not {@code ID:SECRET}
     */
    static Optional<SigningKey> resolve(Optional<String> option, Map<String, String> environment) {
        if (option.isPresent()) {
            return Optional.of(parse(option.get(), OPTION));
        }
        String fromEnv = environment.getOrDefault(SOCKETWAY_ENV, "");
        if (!fromEnv.isBlank()) {
            return Optional.of(parse(fromEnv.trim(), SOCKETWAY_ENV));
        }
        String id = environment.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secret = environment.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        if (id.isBlank() || secret.isBlank()) {
            return Optional.empty();
        }
        String token = environment.getOrDefault("AWS_SESSION_TOKEN", "");
        return Optional.of(new SigningKey(id.trim(), secret.trim(),
                token.isBlank() ? Optional.empty() : Optional.of(token.trim()), "AWS_ACCESS_KEY_ID"));
    }

    private static SigningKey parse(String spec, String source) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1 || spec.indexOf(':', colon + 1) >= 0) {
            String id = colon < 0 ? "<no colon>" : spec.substring(0, colon);
            throw new IllegalArgumentException(source + ": " + id + ":*** (expected: ID:SECRET, the id and secret of"
                    + " one of the gateway's --access-key keys, without its stages and operations)");
        }
        return new SigningKey(spec.substring(0, colon), spec.substring(colon + 1), Optional.empty(), source);
    }

    /** Returns the key in the form the SDK signer takes. */
    AwsCredentialsIdentity identity() {
        return sessionToken
                .<AwsCredentialsIdentity>map(t -> AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, t))
                .orElseGet(() -> AwsCredentialsIdentity.create(accessKeyId, secretAccessKey));
    }

    @Override
    public String toString() {
        return "SigningKey[" + accessKeyId + " from " + source + "]";
    }
}
