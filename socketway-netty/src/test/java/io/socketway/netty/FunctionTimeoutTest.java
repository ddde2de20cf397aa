package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.testing.TestWebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In-process functions past their timeout, on real sockets: the client gets AWS's error frame, the function is
 * interrupted, and the connection's next messages are served normally. A function that ignores the interrupt holds
 * only its own connection, and once it has done so its later overruns no longer hold anyone.
 */
@Timeout(60)
class FunctionTimeoutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long STUBBORN_OVERRUN_MILLIS = 300;
    private static final String ERROR_FRAME = "\"message\": \"Internal server error\"";
    private final BlockingQueue<String> interrupts = new LinkedBlockingQueue<>();
    private final AtomicInteger stubbornCalls = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);
    private final CountDownLatch release1 = new CountDownLatch(1);
    private final CountDownLatch release2 = new CountDownLatch(1);
    private GatewayFixture gw;
    private TestWebSocket client;

    @BeforeEach
    void start() {
        TestRuntime runtime = new TestRuntime()
                .handler("slow", e -> {
                    try {
                        never.await();
                        return Map.of("body", "not reached");
                    } catch (InterruptedException interrupted) {
                        interrupts.add("slow");
                        throw interrupted;
                    }
                })
                .handler("stubborn", e -> stubborn(stubbornCalls.incrementAndGet() == 1 ? release1 : release2))
                .handler("echo", e -> {
                    Thread.sleep(20); // fails if an earlier timeout's interrupt were still pending on this thread
                    return Map.of("body", "echo:" + e.get("body").asText());
                });
        gw = new GatewayFixture(TestApi.create()
                .route("slow", "slow", true, Duration.ofSeconds(1), OptionalInt.empty())
                .route("stubborn", "stubborn", true, Duration.ofSeconds(1), OptionalInt.empty())
                .route("echo", "echo", true), runtime);
        client = gw.connect();
    }

    @AfterEach
    void stop() {
        never.countDown();
        release1.countDown();
        release2.countDown();
        if (client != null) {
            client.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void aFunctionPastItsTimeoutIsInterruptedAndTheClientGetsTheErrorFrame() throws Exception {
        send("slow");
        assertThat(client.next(WAIT)).contains(ERROR_FRAME);
        assertThat(interrupts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("slow");
        send("echo");
        assertThat(client.next(WAIT)).isEqualTo("echo:{\"action\":\"echo\"}");
        send("slow");
        assertThat(client.next(WAIT)).contains(ERROR_FRAME);
        send("echo");
        assertThat(client.next(WAIT)).isEqualTo("echo:{\"action\":\"echo\"}");
    }

    @Test
    void aFunctionThatIgnoresTheInterruptHoldsItsConnectionOnceAndThenNoMore() throws Exception {
        send("stubborn");
        assertThat(interrupts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("stubborn");
        assertThat(client.quietFor(Duration.ZERO)).as("run inline, the late function holds its connection").isTrue();
        release1.countDown();
        assertThat(client.next(WAIT)).contains(ERROR_FRAME);

        send("stubborn");
        assertThat(interrupts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("stubborn");
        assertThat(client.next(WAIT)).as("the error frame, while the function still runs").contains(ERROR_FRAME);
        send("echo");
        assertThat(client.next(WAIT)).isEqualTo("echo:{\"action\":\"echo\"}");
        assertThat(release2.getCount()).as("the second call is still running").isEqualTo(1);
    }

    /**
     * Waits for {@code release} and at least {@link #STUBBORN_OVERRUN_MILLIS} past the first interrupt, which it
     * reports and otherwise ignores.
     */
    private Object stubborn(CountDownLatch release) {
        long interruptedAt = 0;
        while (true) {
            try {
                release.await();
                long more = interruptedAt == 0 ? 0
                        : STUBBORN_OVERRUN_MILLIS - (System.nanoTime() - interruptedAt) / 1_000_000;
                if (more <= 0) {
                    return Map.of("body", "late");
                }
                Thread.sleep(more);
            } catch (InterruptedException e) {
                if (interruptedAt == 0) {
                    interruptedAt = System.nanoTime();
                    interrupts.add("stubborn");
                }
            }
        }
    }

    private void send(String action) {
        client.send("{\"action\":\"" + action + "\"}");
    }
}
