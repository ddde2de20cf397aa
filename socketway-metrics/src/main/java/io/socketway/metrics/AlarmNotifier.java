package io.socketway.metrics;

import io.socketway.core.MetricsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs alarm notifications to the webhook URL each action ARN maps to ({@code --alarm-action ARN=URL}), with retries:
 * a non-2xx answer or an I/O error is retried after {@link MetricsSettings#retryBackoff()}, doubling each time, up to
 * {@link MetricsSettings#notificationAttempts()} attempts. ARNs without a URL are logged and skipped.
 *
 * <p>Threading: thread-safe. Deliveries run on virtual threads (retries sleep there, never on an event loop or the
 * evaluation thread), one alarm's notifications one after the other, in the order of its transitions, so a webhook
 * never sees ALARM after the OK that followed it; {@link #close} interrupts deliveries still waiting.
 */
final class AlarmNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmNotifier.class);

    private final MetricsSettings settings;
    private final ExecutorService deliveries =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("socketway-alarm-webhook-", 0).factory());
    /** Built on the first delivery: most nodes never notify, and the client's TLS set-up is costly at start-up. */
    private @org.jspecify.annotations.Nullable HttpClient http;
    private final java.util.Map<String, java.util.concurrent.CompletableFuture<Void>> queues =
            new java.util.concurrent.ConcurrentHashMap<>();

    AlarmNotifier(MetricsSettings settings) {
        this.settings = settings;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(deliveries).build();
        }
        return http;
    }

    /** Sends {@code json} to the webhook of every ARN in {@code arns}, in the background. */
    void notify(String alarmName, List<String> arns, String json) {
        for (String arn : arns) {
            URI url = settings.alarmActions().get(arn);
            if (url == null) {
                LOG.warn("Alarm {}: no webhook for action {} (map it with --alarm-action {}=https://...); skipped",
                        alarmName, arn, arn);
                continue;
            }
            queues.compute(alarmName, (name, previous) -> (previous == null
                    ? java.util.concurrent.CompletableFuture.<Void>completedFuture(null) : previous)
                    .thenRunAsync(() -> deliver(alarmName, arn, url, json), deliveries)
                    .exceptionally(e -> null));
        }
    }

    private void deliver(String alarmName, String arn, URI url, String json) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("x-amz-sns-message-type", "Notification")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        long backoff = settings.retryBackoff().toMillis();
        for (int attempt = 1; attempt <= settings.notificationAttempts(); attempt++) {
            String failure;
            try {
                int status = http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    LOG.debug("Alarm {}: notified {} ({})", alarmName, arn, url);
                    return;
                }
                failure = "HTTP " + status;
            } catch (java.io.IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == settings.notificationAttempts()) {
                LOG.warn("Alarm {}: gave up notifying {} ({}) after {} attempts: {}", alarmName, arn, url, attempt,
                        failure);
                return;
            }
            LOG.info("Alarm {}: notifying {} failed ({}); retrying in {} ms", alarmName, url, failure, backoff);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff *= 2;
        }
    }

    @Override
    public void close() {
        deliveries.shutdownNow();
    }
}
