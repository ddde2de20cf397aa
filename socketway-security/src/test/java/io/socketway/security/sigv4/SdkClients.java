package io.socketway.security.sigv4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** Builds real SDK v2 {@code @connections} clients, as backends build them. */
final class SdkClients {

    static final AwsCredentials BASIC = AwsBasicCredentials.create(Fixtures.KEY_ID, Fixtures.SECRET);
    static final AwsCredentials SESSION =
            AwsSessionCredentials.create(Fixtures.KEY_ID, Fixtures.SECRET, "FwoGZXIvYXdzEXAMPLE/session+token=");

    static {
        QuietSdkLogs.apply();
    }

    private SdkClients() {}

    /** Returns a client that sends over plain HTTP to {@code endpoint}, with the URLConnection transport. */
    static ApiGatewayManagementApiClient overHttp(URI endpoint, AwsCredentials credentials) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(Fixtures.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Returns a client for an {@code https} endpoint whose transport records each request instead of sending it. */
    static ApiGatewayManagementApiClient overRecordedHttps(RecordingHttpClient transport) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create("https://gateway.example.com/dev"))
                .region(Region.of(Fixtures.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(BASIC))
                .httpClient(transport)
                .build();
    }

    /** Records what an SDK client would put on the wire, after signing, and answers 200 {@code {}}. */
    static final class RecordingHttpClient implements SdkHttpClient {

        final BlockingQueue<SignedRequest> sent = new LinkedBlockingQueue<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    sent.add(toSignedRequest(request));
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).build())
                            .responseBody(AbortableInputStream.create(
                                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }

    static SignedRequest toSignedRequest(HttpExecuteRequest execute) {
        byte[] body = execute.contentStreamProvider().map(provider -> {
            try (var in = provider.newStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(new byte[0]);
        return toSignedRequest(execute.httpRequest(), body);
    }

    static SignedRequest toSignedRequest(SdkHttpRequest request, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.forEachHeader((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
        return new SignedRequest(request.method().name(), request.encodedPath(),
                request.encodedQueryParameters().orElse(""), headers, body);
    }
}
