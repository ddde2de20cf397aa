package io.socketway.cli;

import io.socketway.core.BinaryEnvelope;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code --binary-envelope} ({@code none} or {@code protobuf}, any case). Stateless; thread-safe. */
final class BinaryEnvelopeConverter implements CommandLine.ITypeConverter<BinaryEnvelope> {
    @Override
    public BinaryEnvelope convert(String value) {
        try {
            return BinaryEnvelope.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(
                    "binary envelope: " + value + " (expected: none or protobuf)");
        }
    }
}
