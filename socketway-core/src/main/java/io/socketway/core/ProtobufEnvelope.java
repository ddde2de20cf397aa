package io.socketway.core;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of a {@code socketway.v1.Envelope} ({@code docs/envelope.proto}) that a selection expression
 * needs, straight from the wire with {@link CodedInputStream}: no generated classes, no copy of {@code body}.
 *
 * <p>The expression sees the envelope as the JSON object {@code {"action": "...", "metadata": {"k": "v"}}}: the path
 * {@code action} is field 1, {@code metadata.k} is the entry {@code k} of field 3, {@code metadata} alone renders
 * every entry as {@code {k=v, ...}} (as an object does in a JSON message), and any other path (including
 * {@code body}) is empty. Fields are read as protobuf-java's generated parser reads them: the last {@code action}
 * wins, later map entries replace earlier ones, unknown fields and known numbers with another wire type are skipped.
 * A message is malformed when its wire format is broken (truncated, a bad tag or wire type, a length past the end) or
 * a string the expression reads (the action; every metadata entry when it reads metadata) is not UTF-8. Immutable and thread-safe.
 */
final class ProtobufEnvelope {
    private static final int ACTION = tag(1);
    private static final int METADATA = tag(3);
    private static final int ENTRY_KEY = tag(1);
    private static final int ENTRY_VALUE = tag(2);

    /** What each path of the expression reads. */
    private enum Kind { ACTION, METADATA_ENTRY, METADATA, NOTHING }

    private final Kind[] kinds;
    private final String[] keys;
    private final boolean needsAction;
    private final boolean needsAllMetadata;
    private final Set<String> metadataKeys = new HashSet<>();

    /** Prepares a reader for the body paths of a selection expression ({@code [action]}, {@code [metadata, k]}). */
    ProtobufEnvelope(List<List<String>> paths) {
        kinds = new Kind[paths.size()];
        keys = new String[paths.size()];
        for (int i = 0; i < kinds.length; i++) {
            List<String> path = paths.get(i);
            kinds[i] = kind(path);
            keys[i] = kinds[i] == Kind.METADATA_ENTRY ? path.get(1) : "";
            if (kinds[i] == Kind.METADATA_ENTRY) {
                metadataKeys.add(keys[i]);
            }
        }
        needsAction = List.of(kinds).contains(Kind.ACTION);
        needsAllMetadata = List.of(kinds).contains(Kind.METADATA);
    }

    private static Kind kind(List<String> path) {
        boolean metadata = !path.isEmpty() && path.get(0).equals("metadata");
        if (path.size() == 1) {
            return path.get(0).equals("action") ? Kind.ACTION : metadata ? Kind.METADATA : Kind.NOTHING;
        }
        return path.size() == 2 && metadata ? Kind.METADATA_ENTRY : Kind.NOTHING;
    }

    /** Returns the tag of a length-delimited field (string, bytes, message). */
    private static int tag(int fieldNumber) {
        return fieldNumber << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    /** Returns the values at the paths (empty strings where absent), or null when {@code data} is malformed. */
    @Nullable List<String> extract(byte[] data) {
        Fields fields = new Fields();
        try {
            read(CodedInputStream.newInstance(data), fields);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        List<String> values = new ArrayList<>(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            values.add(switch (kinds[i]) {
                case ACTION -> fields.action;
                case METADATA_ENTRY -> fields.metadata.getOrDefault(keys[i], "");
                case METADATA -> fields.renderMetadata();
                case NOTHING -> "";
            });
        }
        return values;
    }

    private void read(CodedInputStream in, Fields fields) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == ACTION && needsAction) {
                fields.action = in.readStringRequireUtf8();
            } else if (tag == METADATA && (needsAllMetadata || !metadataKeys.isEmpty())) {
                int limit = in.pushLimit(in.readRawVarint32());
                readEntry(in, fields.metadata);
                in.popLimit(limit);
            } else if (!in.skipField(tag)) {
                throw new IOException("end-group tag outside a group");
            }
        }
    }

    /** Reads one map entry (key and value in any order); keeps it when the expression asks for its key. */
    private void readEntry(CodedInputStream in, Map<String, String> metadata) throws IOException {
        String key = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == ENTRY_KEY) {
                key = in.readStringRequireUtf8();
            } else if (tag == ENTRY_VALUE) {
                value = in.readStringRequireUtf8();
            } else if (!in.skipField(tag)) {
                throw new IOException("end-group tag outside a group");
            }
        }
        if (needsAllMetadata || metadataKeys.contains(key)) {
            metadata.put(key, value);
        }
    }

    /** The fields read from one envelope. */
    private static final class Fields {
        String action = "";
        final Map<String, String> metadata = new LinkedHashMap<>();

        /** Renders every entry as a JSON object selects: {@code {k=v, ...}}. */
        String renderMetadata() {
            List<String> entries = new ArrayList<>();
            metadata.forEach((k, v) -> entries.add(k + "=" + v));
            return "{" + String.join(", ", entries) + "}";
        }
    }
}
