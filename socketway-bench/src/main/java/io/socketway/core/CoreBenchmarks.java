package io.socketway.core;

import com.google.protobuf.CodedOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the gateway's per-message work in {@code socketway-core}: route selection
 * ({@link SelectionExpression}, on JSON and on protobuf envelopes), the MESSAGE event's JSON ({@link LambdaEvents}) and id generation ({@link Ids}).
 * In the core's package because those types are package-private. Run with {@code scripts/bench jmh CoreBenchmarks}.
 * JMH owns the threading: the state is per benchmark and read-only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class CoreBenchmarks {
    private static final String SMALL = "{\"action\":\"sendmessage\",\"text\":\"hello\"}";
    private static final String ECHO = "{\"t\":\"0000000012345678901\",\"p\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}";
    private static final String LATE = "{\"data\":{\"items\":[1,2,3,4,5,6,7,8,9,10],\"nested\":{\"a\":\"b\"}},"
            + "\"text\":\"" + "x".repeat(900) + "\",\"action\":\"sendmessage\"}";

    private final SelectionExpression action = SelectionExpression.compile("$request.body.action");
    private final SelectionExpression composite =
            SelectionExpression.compile("${request.body.service}/${request.body.action}");
    private final SelectionExpression metadataComposite =
            SelectionExpression.compile("${request.body.metadata.service}/${request.body.action}");
    private static final byte[] ENVELOPE = envelope("echo", new byte[56], Map.of());
    private static final byte[] ENVELOPE_1K = envelope("sendmessage", new byte[1024], Map.of("service", "chat"));
    private final LambdaEvents events = new LambdaEvents("abcdef1234", Map.of());
    private final Connection connection = new Connection("TXzPWdnOjoECGjA=", "bench", 1_700_000_000_000L,
            "127.0.0.1", "bench-agent/1.0", "127.0.0.1:8080", Map.of());

    /** Encodes a {@code socketway.v1.Envelope} with protobuf-java's wire writer. */
    static byte[] envelope(String action, byte[] body, Map<String, String> metadata) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeString(1, action);
            out.writeByteArray(2, body);
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                java.io.ByteArrayOutputStream entry = new java.io.ByteArrayOutputStream();
                CodedOutputStream entryOut = CodedOutputStream.newInstance(entry);
                entryOut.writeString(1, e.getKey());
                entryOut.writeString(2, e.getValue());
                entryOut.flush();
                out.writeByteArray(3, entry.toByteArray());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Route key of a small chat message (action first). */
    @Benchmark
    public Optional<String> selectActionSmall() {
        return action.evaluate(SMALL);
    }

    /** Route key of the echo benchmark's message (no action: {@code $default}, the whole message is tokenized). */
    @Benchmark
    public Optional<String> selectEchoMessage() {
        return action.evaluate(ECHO);
    }

    /** Route key of a 1 KB message whose action comes last. */
    @Benchmark
    public Optional<String> selectActionLate1k() {
        return action.evaluate(LATE);
    }

    /** Route key of a protobuf envelope ({@code --binary-envelope protobuf}) with a 56-byte body. */
    @Benchmark
    public Optional<String> selectEnvelopeAction() {
        return action.evaluateEnvelope(ENVELOPE);
    }

    /** Route key of an envelope with a 1 KB body (skipped, never copied) and metadata. */
    @Benchmark
    public Optional<String> selectEnvelopeComposite1k() {
        return metadataComposite.evaluateEnvelope(ENVELOPE_1K);
    }

    /** A two-variable expression. */
    @Benchmark
    public Optional<String> selectComposite() {
        return composite.evaluate(SMALL);
    }

    /** The MESSAGE event JSON for a 64-byte body (what a function called over HTTP gets). */
    @Benchmark
    public byte[] messageEvent() {
        return events.message(connection, "$default", "msgIdAAAAAAAAA=", "reqIdAAAAAAAAA=", 1_700_000_000_123L,
                ECHO, false).json();
    }

    /** The MESSAGE event tree for a 64-byte body (what an in-process Java function gets). */
    @Benchmark
    public Map<String, Object> messageEventTree() {
        return events.message(connection, "$default", "msgIdAAAAAAAAA=", "reqIdAAAAAAAAA=", 1_700_000_000_123L,
                ECHO, false).tree();
    }

    /** The previous in-process path's extra work: the event's JSON parsed back into a map. */
    @Benchmark
    public Object messageEventJsonParsed() throws java.io.IOException {
        return Json.MAPPER.readValue(messageEvent(), Object.class);
    }

    /** The CLF {@code requestTime} alone (part of every event). */
    @Benchmark
    public String clfTime() {
        return LambdaEvents.clfTime(1_700_000_000_123L);
    }

    /** A connection id (SecureRandom). */
    @Benchmark
    public String connectionId() {
        return Ids.connectionId();
    }

    /** A request or message id (ThreadLocalRandom). */
    @Benchmark
    public String requestId() {
        return Ids.requestId();
    }
}
