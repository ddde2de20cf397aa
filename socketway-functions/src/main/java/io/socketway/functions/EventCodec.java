package io.socketway.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.socketway.api.spi.FunctionException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns event JSON into handler input and handler output into JSON, configured as the Lambda Java runtime's Jackson
 * mapper: unknown properties ignored, standard bean naming ({@code isIsBase64Encoded()} is {@code isBase64Encoded}),
 * null properties left out, plus case-insensitive property matching. Unlike Lambda it keeps creator detection on, so
 * records work as input. Like Lambda's, it knows {@code java.time} types (ISO-8601 text) and {@code Optional}.
 *
 * <p>One codec per function, with its own type cache resolving class names through the function's loader, so no
 * Jackson-wide cache keeps a closed function's classes alive.
 *
 * <p>Threading: thread-safe once created.
 */
final class EventCodec {
    static final String MARSHALLING_ERROR = "java.lang.RuntimeException";

    private final ObjectMapper mapper;

    private EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Creates the codec of a function whose classes {@code loader} defines. */
    static EventCodec create(ClassLoader loader) {
        // one shared buffer pool: the default pool is per thread, and each invocation runs on a new virtual thread
        ObjectMapper mapper = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                        .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool())
                        .build())
                .typeFactory(TypeFactory.createDefaultInstance().withClassLoader(loader))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .enable(MapperFeature.USE_STD_BEAN_NAMING)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(Include.NON_NULL, Include.NON_NULL))
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        return new EventCodec(mapper);
    }

    /** Returns type argument {@code index} of {@code generic} as {@code type} implements it, or {@code Object}. */
    JavaType typeArgument(Class<?> type, Class<?> generic, int index) {
        JavaType view = mapper.constructType(type).findSuperType(generic);
        return view != null && index < view.containedTypeCount()
                ? view.containedType(index)
                : mapper.constructType(Object.class);
    }

    /** Returns {@code member}, a parameter type of a method {@code handler} has, with type variables resolved. */
    JavaType memberType(Type member, Class<?> handler, Class<?> declaring) {
        TypeFactory types = mapper.getTypeFactory();
        JavaType view = types.constructType(handler).findSuperType(declaring);
        return types.resolveMemberType(member, view == null ? types.constructType(declaring).getBindings()
                : view.getBindings());
    }

    /** Returns a reader of events into {@code type}; empty JSON input reads as {@code null}. */
    EventReader reader(JavaType type) {
        return new TypedReader(mapper, type);
    }

    /** Returns {@code output} as JSON bytes; {@code null} gives {@code null}, a string a JSON string. */
    byte[] write(@Nullable Object output) {
        try {
            return mapper.writeValueAsBytes(output);
        } catch (JsonProcessingException e) {
            throw new FunctionException(
                    MARSHALLING_ERROR,
                    "An error occurred during JSON serialization of response: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** Drops cached type information, so it does not outlive the function. */
    void clear() {
        mapper.getTypeFactory().clearCache();
    }

    /**
     * Returns {@code output} as a JSON-shaped tree ({@code Map}, {@code List}, {@code String}, {@code Number},
     * {@code Boolean}, {@code null}) equal to what {@link #write} would give: a value that already has that shape is
     * returned as it is, any other is converted with this codec's settings (property naming, inclusion, dates).
     */
    @Nullable Object toTree(@Nullable Object output) {
        if (JsonShape.isJsonShaped(output)) {
            return output;
        }
        try {
            return mapper.convertValue(output, Object.class);
        } catch (IllegalArgumentException e) {
            throw new FunctionException(
                    MARSHALLING_ERROR,
                    "An error occurred during JSON serialization of response: " + rootMessage(e),
                    e);
        }
    }

    private static @Nullable String rootMessage(Throwable e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause instanceof JsonProcessingException p ? p.getOriginalMessage() : cause.getMessage();
    }

    /** Reads events into a handler's input, from JSON or from a JSON-shaped tree. Thread-safe. */
    interface EventReader {
        /** The reader of a handler that takes no input. */
        EventReader NONE = new EventReader() {
            @Override
            public @Nullable Object readJson(byte[] json) {
                return null;
            }

            @Override
            public @Nullable Object readTree(Map<String, Object> tree) {
                return null;
            }
        };

        /** Returns the handler input for {@code json}; throws {@link FunctionException} when it does not fit. */
        @Nullable Object readJson(byte[] json);

        /** Returns the handler input for an event tree; throws {@link FunctionException} when it does not fit. */
        @Nullable Object readTree(Map<String, Object> tree);
    }

    /**
     * Reads events into one input type.
     *
     * <p>Threading: thread-safe.
     */
    private static final class TypedReader implements EventReader {
        private final ObjectMapper mapper;
        private final ObjectReader reader;
        private final JavaType type;
        private final boolean takesTree;

        TypedReader(ObjectMapper mapper, JavaType type) {
            this.mapper = mapper;
            this.reader = mapper.readerFor(type);
            this.type = type;
            this.takesTree = takesTree(type);
        }

        /** A handler declared with {@code Object}, raw {@code Map} or {@code Map<String, Object>} gets the tree. */
        private static boolean takesTree(JavaType type) {
            Class<?> raw = type.getRawClass();
            if (raw == Object.class) {
                return true;
            }
            return type.isMapLikeType() && raw.isAssignableFrom(java.util.LinkedHashMap.class)
                    && (type.getKeyType().getRawClass() == Object.class
                            || type.getKeyType().getRawClass() == String.class)
                    && type.getContentType().getRawClass() == Object.class;
        }

        @Override
        public @Nullable Object readJson(byte[] json) {
            if (json.length == 0) {
                return null;
            }
            try {
                return reader.readValue(json);
            } catch (IOException e) {
                String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
                throw parsingError(e, message);
            }
        }

        /**
         * Returns the tree itself when the handler takes a map of objects, otherwise the tree converted to the input
         * type exactly as its JSON would be read.
         */
        @Override
        public @Nullable Object readTree(Map<String, Object> tree) {
            if (takesTree) {
                return tree;
            }
            try {
                return mapper.convertValue(tree, type);
            } catch (IllegalArgumentException e) {
                throw parsingError(e, rootMessage(e));
            }
        }

        private FunctionException parsingError(Exception e, @Nullable String message) {
            return new FunctionException(
                    MARSHALLING_ERROR,
                    "An error occurred during JSON parsing: event (expected: JSON for " + type.toCanonical() + "): "
                            + message,
                    e);
        }
    }
}
