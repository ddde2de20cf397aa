package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.api.spi.ConnectionRecord;
import io.socketway.registry.redis.BusFrame.Outcome;
import io.socketway.registry.redis.BusFrame.Reply;
import io.socketway.registry.redis.BusFrame.Request;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BusFrameTest {

    @Test
    void requestAndReplySurviveTheTrip() {
        byte[] data = {0, -1, 42, 10};
        Request request = (Request) BusFrame.decode(BusFrame.encode(
                new Request(BusFrame.SEND, Long.MIN_VALUE, 2000, "node-\u00e9", "abc=", data)));
        assertThat(request.kind()).isEqualTo(BusFrame.SEND);
        assertThat(request.requestId()).isEqualTo(Long.MIN_VALUE);
        assertThat(request.timeoutMillis()).isEqualTo(2000);
        assertThat(request.requester()).isEqualTo("node-\u00e9");
        assertThat(request.connectionId()).isEqualTo("abc=");
        assertThat(request.data()).isEqualTo(data);
        assertThat(BusFrame.decode(BusFrame.encode(new Reply(7, Outcome.BUFFER_FULL))))
                .isEqualTo(new Reply(7, Outcome.BUFFER_FULL));
    }

    @Test
    void fanOutRequestAndReplySurviveTheTrip() {
        byte[] data = {0, -1, 42};
        BusFrame.ManyRequest request = (BusFrame.ManyRequest) BusFrame.decode(BusFrame.encode(
                new BusFrame.ManyRequest(7L, 1500, "node-a", java.util.List.of("id1=", "id\u00e92"), data)));
        assertThat(request.requestId()).isEqualTo(7L);
        assertThat(request.timeoutMillis()).isEqualTo(1500);
        assertThat(request.requester()).isEqualTo("node-a");
        assertThat(request.connectionIds()).containsExactly("id1=", "id\u00e92");
        assertThat(request.data()).isEqualTo(data);
        var outcomes = java.util.List.of(BusFrame.Outcome.GONE, BusFrame.Outcome.DELIVERED, BusFrame.Outcome.FAILED);
        assertThat(BusFrame.decode(BusFrame.encode(new BusFrame.ManyReply(9L, outcomes))))
                .isEqualTo(new BusFrame.ManyReply(9L, outcomes));
        byte[] hugeCount = {4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 'n', 0x7f, 0, 0, 0};
        assertThatThrownBy(() -> BusFrame.decode(hugeCount)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsGarbage() {
        byte[] frame = BusFrame.encode(new Request(BusFrame.DISCONNECT, 1, 1, "n", "c", new byte[0]));
        assertThatThrownBy(() -> BusFrame.decode(Arrays.copyOf(frame, frame.length - 2)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BusFrame.decode(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BusFrame.decode(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 0, 9}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recordSurvivesTheTrip() {
        ConnectionRecord record = new ConnectionRecord("id=", "prod", "node", 123L, "::1", "ua \ud83d\ude80");
        assertThat(RecordCodec.decode(RecordCodec.encode(record))).isEqualTo(record);
        byte[] bytes = RecordCodec.encode(record);
        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalStateException.class);
    }
}
