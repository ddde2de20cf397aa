package io.socketway.bench.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The push functions of the gateway benchmarks, on one-way routes, each calling the gateway's {@code @connections} API
 * the way a Lambda function does (unsigned: the benchmarks' gateway accepts loopback management calls):
 *
 * <ul>
 *   <li>{@code pushEcho}: posts the message body back to the sender ({@code postToConnection} echo), each body of an
 *       invocation batch ({@code socketwayBatch}, with {@code --invocation-batch pushEcho=N}) in order;
 *   <li>{@code fanoutPrepare}: lists the stage's connections through the listing extension and keeps their ids;
 *   <li>{@code fanout}: posts the message body to every kept id, {@value #PARALLELISM} calls in flight, then posts
 *       {@code {"fanoutDone":N,"failed":F}} to the sender;
 *   <li>{@code fanoutBatch}: the same through one call of the Socketway fan-out extension
 *       ({@code POST /{stage}/@connections} with every kept id), then the same answer, counting the ids not delivered.
 * </ul>
 *
 * <p>The endpoint is {@code CALLBACK_URL} from the function's environment. Thread-safe: the kept ids are replaced
 * atomically.
 */
public final class PushFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final int PARALLELISM = 64;
    private static final Pattern ID = Pattern.compile("\"connectionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("\"nextToken\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String endpoint = System.getenv().getOrDefault("CALLBACK_URL", "http://127.0.0.1:8080/local");
    private volatile List<String> kept = List.of();

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> request = (Map<String, Object>) event.get("requestContext");
        String routeKey = String.valueOf(request.get("routeKey"));
        String self = String.valueOf(request.get("connectionId"));
        String body = String.valueOf(event.get("body"));
        try {
            switch (routeKey) {
                case "fanoutPrepare" -> {
                    kept = list();
                    post(self, "{\"prepared\":" + kept.size() + "}");
                }
                case "fanout" -> fanout(self, body);
                case "fanoutBatch" -> fanoutBatch(self, body);
                default -> {
                    for (Object message : batch(event, body)) {
                        post(self, String.valueOf(message));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of("statusCode", 200);
    }

    /** Returns the bodies of an invocation batch ({@code socketwayBatch}), or the one body of a plain event. */
    @SuppressWarnings("unchecked")
    private static List<Object> batch(Map<String, Object> event, String body) {
        Object batch = event.get("socketwayBatch");
        if (!(batch instanceof List<?> messages)) {
            return List.of(body);
        }
        return ((List<Map<String, Object>>) messages).stream().map(m -> m.get("body")).toList();
    }

    private void fanout(String self, String body) throws InterruptedException, IOException {
        List<String> ids = kept;
        Semaphore slots = new Semaphore(PARALLELISM);
        AtomicInteger failed = new AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                slots.acquire();
                threads.submit(() -> {
                    try {
                        if (post(id, body) != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        post(self, "{\"fanoutDone\":" + ids.size() + ",\"failed\":" + failed.get() + "}");
    }

    private void fanoutBatch(String self, String body) throws InterruptedException, IOException {
        List<String> ids = kept;
        StringBuilder json = new StringBuilder(ids.size() * 20 + body.length() + 64).append("{\"connectionIds\":[");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
        }
        json.append("],\"data\":\"").append(escape(body)).append("\"}");
        // One blocking HttpURLConnection call (the client behind the AWS SDK's UrlConnectionHttpClient): on one core the
        // JDK HttpClient's selector and executor threads added 25-30 ms to this 25 KB request at 1,000 recipients.
        java.net.HttpURLConnection call =
                (java.net.HttpURLConnection) URI.create(endpoint + "/@connections").toURL().openConnection();
        call.setRequestMethod("POST");
        call.setDoOutput(true);
        call.setRequestProperty("Content-Type", "application/json");
        byte[] request = json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        call.setFixedLengthStreamingMode(request.length);
        try (java.io.OutputStream out = call.getOutputStream()) {
            out.write(request);
        }
        int status = call.getResponseCode();
        int delivered = 0;
        try (java.io.InputStream in = status < 400 ? call.getInputStream() : call.getErrorStream()) {
            String result = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (status == 200) {
                String list = result.substring(result.indexOf('[') + 1, result.indexOf(']'));
                delivered = list.isEmpty() ? 0 : list.split(",").length;
            }
        }
        post(self, "{\"fanoutDone\":" + ids.size() + ",\"failed\":" + (ids.size() - delivered) + "}");
    }

    /** Returns {@code text} escaped for a JSON string. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private List<String> list() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            String url = endpoint + "/@connections?limit=1000" + (next == null ? "" : "&nextToken=" + next);
            String page = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = ID.matcher(page);
            while (m.find()) {
                ids.add(m.group(1));
            }
            Matcher n = NEXT.matcher(page);
            next = n.find() ? java.net.URLEncoder.encode(n.group(1), java.nio.charset.StandardCharsets.UTF_8) : null;
        } while (next != null);
        return List.copyOf(ids);
    }

    private int post(String id, String body) throws IOException, InterruptedException {
        String url = endpoint + "/@connections/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
