package io.socketway.core;

import static io.socketway.testing.Envelopes.envelope;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.socketway.testing.Envelopes;
import io.socketway.testing.RandomInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Route selection expressions evaluated against binary {@code socketway.v1.Envelope} messages. */
class ProtobufEnvelopeTest {
    private static final SelectionExpression ACTION = SelectionExpression.compile("$request.body.action");
    private static final SelectionExpression SERVICE_ACTION =
            SelectionExpression.compile("${request.body.metadata.service}/${request.body.action}");
    private static final SelectionExpression BRACKETS = SelectionExpression.compile("${request.body.metadata['x-kind']}");

    private final RandomInputs random = RandomInputs.forTests();

    @Test
    void actionAndMetadataAreReadLikeJsonFields() {
        byte[] message = envelope("send", "hello".getBytes(UTF_8), Map.of("service", "chat", "x-kind", "k"));
        assertThat(ACTION.evaluateEnvelope(message)).contains("send");
        assertThat(SERVICE_ACTION.evaluateEnvelope(message)).contains("chat/send");
        assertThat(BRACKETS.evaluateEnvelope(message)).contains("k");
    }

    @Test
    void absentFieldsAndTheBodyAreEmpty() {
        byte[] message = envelope("", new byte[] {1, 2, 3});
        assertThat(ACTION.evaluateEnvelope(message)).contains("");
        assertThat(SERVICE_ACTION.evaluateEnvelope(message)).contains("/");
        assertThat(SelectionExpression.compile("$request.body.body").evaluateEnvelope(message)).contains("");
        assertThat(ACTION.evaluateEnvelope(new byte[0])).contains("");
    }

    @Test
    void wholeMetadataRendersLikeAJsonObject() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("a", "1");
        metadata.put("b", "2");
        assertThat(SelectionExpression.compile("$request.body.metadata")
                .evaluateEnvelope(envelope("x", new byte[0], metadata))).contains("{a=1, b=2}");
    }

    @Test
    void unknownFieldsAreSkippedAndTheLastActionWins() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, "first");
        out.writeUInt64(16, 42);
        out.writeString(17, "mine");
        out.writeUInt32(1, 7);
        out.writeString(1, "second");
        out.flush();
        assertThat(ACTION.evaluateEnvelope(bytes.toByteArray())).contains("second");
    }

    @Test
    void malformedEnvelopesEvaluateToNothing() throws IOException {
        byte[] good = envelope("send", "payload".getBytes(UTF_8));
        assertThat(ACTION.evaluateEnvelope(Arrays.copyOf(good, good.length - 1))).isEmpty();
        assertThat(ACTION.evaluateEnvelope(new byte[] {0x0f})).isEmpty();
        assertThat(ACTION.evaluateEnvelope(new byte[] {0x0a, 0x02, (byte) 0xc3, 0x28})).isEmpty();
        assertThat(ACTION.evaluateEnvelope("{\"action\":\"send\"}".getBytes(UTF_8))).isEmpty();
    }

    @Test
    void agreesWithProtobufJavaOnValidAndDamagedEnvelopes() {
        random.forAll(3000, ProtobufEnvelopeTest::damagedEnvelope, message -> {
            Optional<String> ours = SERVICE_ACTION.evaluateEnvelope(message);
            Optional<String> theirs = official(message);
            assertThat(ours).as("envelope %s", Arrays.toString(message)).isEqualTo(theirs);
        });
    }

    @Test
    void theDocumentedProtoHasTheFieldsTheGatewayReads() throws IOException {
        String proto = Files.readString(Path.of("..", "docs", "envelope.proto"));
        assertThat(proto).contains("package socketway.v1;", "message Envelope {", "string action = 1;",
                "bytes body = 2;", "map<string, string> metadata = 3;");
        assertThat(Envelopes.ENVELOPE.getFullName()).isEqualTo("socketway.v1.Envelope");
    }

    private static byte[] damagedEnvelope(RandomInputs r) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = r.intBetween(0, 3); i > 0; i--) {
            metadata.put(r.oneOf(java.util.List.of("service", "x", r.string(4))), r.string(6));
        }
        byte[] message = envelope(r.string(8), r.bytes(20), metadata);
        for (int flips = r.intBetween(0, 2); flips > 0 && message.length > 0; flips--) {
            message[r.intBetween(0, message.length - 1)] = (byte) r.intBetween(0, 255);
        }
        return r.intBetween(0, 3) == 0 ? Arrays.copyOf(message, r.intBetween(0, message.length)) : message;
    }

    private static Optional<String> official(byte[] message) {
        try {
            Envelopes.Envelope e = Envelopes.parse(message);
            return Optional.of(e.metadata().getOrDefault("service", "") + "/" + e.action());
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
