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

    /** Returns a reader of event JSON into {@code type}; empty input reads as {@code null}. */
    EventReader reader(JavaType type) {
        ObjectReader reader = mapper.readerFor(type);
        return json -> json.length == 0 ? null : read(reader, type, json);
    }

    private static @Nullable Object read(ObjectReader reader, JavaType type, byte[] json) {
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new FunctionException(
                    MARSHALLING_ERROR,
                    "An error occurred during JSON parsing: event (expected: JSON for " + type.toCanonical() + "): "
                            + message,
                    e);
        }
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

    /** Reads one event. */
    @FunctionalInterface
    interface EventReader {
        /** Returns the handler input for {@code json}; throws {@link FunctionException} when it does not fit. */
        @Nullable Object read(byte[] json);
    }
}
