package io.socketway.core;

import io.socketway.api.spi.MessageBus.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one message to many local client channels in one call, so that a transport can encode (and compress) the
 * message once and hand each of its I/O threads one task for all of that thread's channels. Channels name their
 * writer through {@link ClientChannel#fanOutWriter()}; the node calls each writer once per fan-out with the channels
 * that share it.
 *
 * <p>Threading: implementations are thread-safe and non-blocking; the node calls them on event loops or virtual
 * threads.
 */
public interface FanOutWriter {

    /** Writes through each channel's {@link ClientChannel#send} or {@link ClientChannel#sendBinary}, one by one. */
    FanOutWriter PER_CHANNEL = (channels, data, text) -> {
        String message = text ? new String(data, StandardCharsets.UTF_8) : null;
        List<Delivery> out = new ArrayList<>(channels.size());
        for (ClientChannel channel : channels) {
            out.add(message != null ? channel.send(message) : channel.sendBinary(data));
        }
        return out;
    };

    /**
     * Queues {@code data} as one message (text when {@code text}, which the caller has checked is UTF-8) for each of
     * {@code channels}, all of which returned this writer from {@link ClientChannel#fanOutWriter()}.
     *
     * @return one outcome per channel, in the order of {@code channels}, as {@link ClientChannel#send} defines them
     */
    List<Delivery> write(List<ClientChannel> channels, byte[] data, boolean text);
}
