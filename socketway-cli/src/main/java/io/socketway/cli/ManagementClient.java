package io.socketway.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Calls a gateway's {@code @connections} API over HTTP/1.1 with the JDK's {@link HttpClient}, signing each request
 * with SigV4 (service {@code execute-api}) through the AWS SDK's own {@link AwsV4HttpSigner} when a key is given.
 *
 * <p>Why raw HTTP rather than the SDK's {@code ApiGatewayManagementApiClient}: the listing is Socketway's extension
 * and has no SDK operation, so one request path for all four calls keeps signing, error mapping and output in one
 * place, and the CLI does not carry the SDK client's retries, endpoint rules and HTTP client for three calls. The
 * signer is the one the SDK clients use (and the one the gateway verifies with), so a signed call is byte for byte
 * what the AWS SDK would send. Answers are returned as they come; {@link ManagementFailure} turns errors into
 * messages.
 *
 * <p>Threading: immutable and thread-safe; every call blocks the calling thread until the gateway answers, at most
 * {@value #CONNECT_SECONDS} s to connect and {@value #REQUEST_SECONDS} s for the answer.
 */
final class ManagementClient {
    static final int CONNECT_SECONDS = 10;
    static final int REQUEST_SECONDS = 30;

    /** Headers the JDK client sets itself and refuses from callers; the signed value equals what it sends. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
            .build();

    private final URI endpoint;
    private final Optional<SigningKey> key;
    private final String region;

    /**
     * Creates a client for {@code endpoint}, the management base including the stage (as the AWS CLI's
     * {@code --endpoint-url}), without a trailing slash.
     */
    ManagementClient(URI endpoint, Optional<SigningKey> key, String region) {
        this.endpoint = endpoint;
        this.key = key;
        this.region = region;
    }

    /**
     * An HTTP answer.
     *
     * @param status the status code
     * @param body the body as UTF-8 text
     * @param errorType {@code x-amzn-ErrorType} up to its first {@code :}, empty when absent
     */
    record Answer(int status, String body, Optional<String> errorType) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** Returns the management base this client calls. */
    URI endpoint() {
        return endpoint;
    }

    /** Returns the key requests are signed with, empty when unsigned. */
    Optional<SigningKey> key() {
        return key;
    }

    /** Fetches one page of the listing ({@code nextToken} empty for the first). */
    Answer list(String nextToken, int limit) throws ManagementFailure {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        if (!nextToken.isEmpty()) {
            query.put("nextToken", nextToken);
        }
        return call(SdkHttpMethod.GET, connections(""), query, new byte[0]);
    }

    /** Fetches one of the gateway's operations pages, such as {@code /_socketway/usage}, on the endpoint's host. */
    Answer page(String absolutePath) throws ManagementFailure {
        return call(SdkHttpMethod.GET, absolutePath, Map.of(), new byte[0]);
    }

    /** Calls GetConnection. */
    Answer get(String connectionId) throws ManagementFailure {
        return call(SdkHttpMethod.GET, connections("/" + encode(connectionId)), Map.of(), new byte[0]);
    }

    /** Calls PostToConnection with {@code data} as the raw body. */
    Answer post(String connectionId, byte[] data) throws ManagementFailure {
        return call(SdkHttpMethod.POST, connections("/" + encode(connectionId)), Map.of(), data);
    }

    /** Calls DeleteConnection. */
    Answer delete(String connectionId) throws ManagementFailure {
        return call(SdkHttpMethod.DELETE, connections("/" + encode(connectionId)), Map.of(), new byte[0]);
    }

    private String connections(String idPath) {
        return endpoint.getRawPath() + "/@connections" + idPath;
    }

    private Answer call(SdkHttpMethod method, String path, Map<String, String> query, byte[] body)
            throws ManagementFailure {
        SdkHttpRequest request = sign(unsigned(method, path, query), body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri())
                .timeout(Duration.ofSeconds(REQUEST_SECONDS))
                .method(method.name(), body.length == 0 && method != SdkHttpMethod.POST
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        request.forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = HTTP.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Optional<String> type = response.headers().firstValue("x-amzn-ErrorType")
                    .map(t -> t.contains(":") ? t.substring(0, t.indexOf(':')) : t);
            return new Answer(response.statusCode(), response.body(), type);
        } catch (IOException e) {
            throw ManagementFailure.unreachable(endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ManagementFailure.unreachable(endpoint, new IOException("interrupted"));
        }
    }

    private SdkHttpRequest unsigned(SdkHttpMethod method, String path, Map<String, String> query) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(method)
                .uri(endpoint)
                .encodedPath(path);
        query.forEach(request::appendRawQueryParameter);
        return request.build();
    }

    private SdkHttpRequest sign(SdkHttpRequest request, byte[] body) {
        if (key.isEmpty()) {
            return request;
        }
        return SIGNER.sign(r -> r.identity(key.get().identity())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request();
    }

    /** Percent-encodes a connection id as one path segment, as the SDK clients do ({@code =} becomes {@code %3D}). */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
