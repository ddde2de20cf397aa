package io.socketway.examples.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Posts messages to connected clients through the API's {@code @connections} endpoint with the AWS SDK v2.
 *
 * <p>The endpoint is {@code CALLBACK_URL} from the function's environment (the template sets it to the stage's
 * {@code https://} URL; Socketway rewrites that to itself). Without it, the endpoint is built from the first event:
 * {@code https://{domainName}/{stage}}. The client is built once, with the {@code UrlConnection} HTTP client,
 * the region from {@code AWS_REGION} and the default credentials chain, and reused by every invocation. Thread-safe.
 */
final class Pusher {
    private final Optional<String> callbackUrl;
    private volatile @Nullable ApiGatewayManagementApiClient client;

    private Pusher(Optional<String> callbackUrl) {
        this.callbackUrl = callbackUrl;
        callbackUrl.ifPresent(url -> client = newClient(url));
    }

    /** Returns a pusher for the endpoint in {@code CALLBACK_URL}, or for each event's own stage when it is unset. */
    static Pusher fromEnvironment() {
        return new Pusher(Optional.ofNullable(System.getenv("CALLBACK_URL")).filter(url -> !url.isBlank()));
    }

    /**
     * Sends {@code json} to {@code connectionId}, in the API that {@code origin} came from.
     *
     * @return false when the connection is gone (the API answered 410)
     * @throws software.amazon.awssdk.core.exception.SdkException on any other failure
     */
    boolean post(RequestContext origin, String connectionId, String json) {
        try {
            client(origin).postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String(json)));
            return true;
        } catch (GoneException e) {
            return false;
        }
    }

    private ApiGatewayManagementApiClient client(RequestContext origin) {
        ApiGatewayManagementApiClient current = client;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            current = client;
            if (current == null) {
                current = newClient(callbackUrl.orElse("https://" + origin.getDomainName() + "/" + origin.getStage()));
                client = current;
            }
            return current;
        }
    }

    private static ApiGatewayManagementApiClient newClient(String endpoint) {
        ApiGatewayManagementApiClientBuilder builder = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(endpoint))
                .httpClient(UrlConnectionHttpClient.create());
        // Lambda always sets AWS_REGION; elsewhere the SDK's default region chain decides. Credentials come from the
        // SDK's default chain: the environment variables Lambda (and Socketway) give the function.
        Optional.ofNullable(System.getenv("AWS_REGION")).map(Region::of).ifPresent(builder::region);
        return builder.build();
    }
}
