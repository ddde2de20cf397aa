package io.socketway.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds and reads {@code socketway.v1.Envelope} messages ({@code docs/envelope.proto}) with protobuf-java's
 * {@link DynamicMessage}, as a client holding the published {@code .proto} would, without a protoc step. Stateless
 * and thread-safe.
 */
public final class Envelopes {
    /** The descriptor of {@code socketway.v1.Envelope}, built from the same fields as {@code docs/envelope.proto}. */
    public static final Descriptor ENVELOPE = descriptor();

    private static final FieldDescriptor ACTION = ENVELOPE.findFieldByName("action");
    private static final FieldDescriptor BODY = ENVELOPE.findFieldByName("body");
    private static final FieldDescriptor METADATA = ENVELOPE.findFieldByName("metadata");

    private Envelopes() {}

    /** Returns a serialized envelope with this action and body and no metadata. */
    public static byte[] envelope(String action, byte[] body) {
        return envelope(action, body, Map.of());
    }

    /** Returns a serialized envelope. */
    public static byte[] envelope(String action, byte[] body, Map<String, String> metadata) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(ENVELOPE)
                .setField(ACTION, action)
                .setField(BODY, ByteString.copyFrom(body));
        Descriptor entryType = METADATA.getMessageType();
        metadata.forEach((k, v) -> builder.addRepeatedField(METADATA, DynamicMessage.newBuilder(entryType)
                .setField(entryType.findFieldByName("key"), k)
                .setField(entryType.findFieldByName("value"), v)
                .build()));
        return builder.build().toByteArray();
    }

    /** A parsed envelope. */
    public record Envelope(String action, byte[] body, Map<String, String> metadata) {}

    /** Parses a serialized envelope as protobuf-java does; fails on a malformed one. */
    public static Envelope parse(byte[] data) throws InvalidProtocolBufferException {
        DynamicMessage message = DynamicMessage.parseFrom(ENVELOPE, data);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < message.getRepeatedFieldCount(METADATA); i++) {
            DynamicMessage entry = (DynamicMessage) message.getRepeatedField(METADATA, i);
            Descriptor type = entry.getDescriptorForType();
            metadata.put((String) entry.getField(type.findFieldByName("key")),
                    (String) entry.getField(type.findFieldByName("value")));
        }
        return new Envelope((String) message.getField(ACTION), ((ByteString) message.getField(BODY)).toByteArray(),
                metadata);
    }

    private static Descriptor descriptor() {
        DescriptorProto entry = DescriptorProto.newBuilder().setName("MetadataEntry")
                .addField(field("key", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("value", 2, FieldDescriptorProto.Type.TYPE_STRING))
                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                .build();
        DescriptorProto envelope = DescriptorProto.newBuilder().setName("Envelope")
                .addField(field("action", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("body", 2, FieldDescriptorProto.Type.TYPE_BYTES))
                .addField(field("metadata", 3, FieldDescriptorProto.Type.TYPE_MESSAGE).toBuilder()
                        .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
                        .setTypeName(".socketway.v1.Envelope.MetadataEntry"))
                .addNestedType(entry)
                .addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(4).setEnd(16))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("envelope.proto")
                .setPackage("socketway.v1").setSyntax("proto3").addMessageType(envelope).build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Envelope");
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }
}
