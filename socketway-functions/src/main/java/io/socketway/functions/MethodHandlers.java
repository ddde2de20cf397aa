package io.socketway.functions;

import static java.lang.invoke.MethodType.methodType;

import com.amazonaws.services.lambda.runtime.Context;
import io.socketway.api.FunctionDefinition;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the adapter for {@code pkg.Class::method}: selects the method among the public methods of that name (see
 * {@link MethodSelector}), binds it to the handler instance unless it is static, and adapts it to a
 * {@link PojoHandlerAdapter.PojoInvoker} or {@link StreamHandlerAdapter.StreamInvoker} through a method handle.
 *
 * <p>Threading: used once per deploy.
 */
final class MethodHandlers {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private final FunctionDefinition function;
    private final EventCodec codec;
    private final HandlerResolver resolver;

    MethodHandlers(FunctionDefinition function, EventCodec codec, HandlerResolver resolver) {
        this.function = function;
        this.codec = codec;
        this.resolver = resolver;
    }

    /** Returns the adapter for the method {@code name} of {@code type}. */
    HandlerAdapter adapter(Class<?> type, String name) {
        List<Method> named = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name))
                .toList();
        if (named.isEmpty()) {
            throw DeployErrors.handlerShape(function, "a public method " + name + " in " + type.getName());
        }
        return switch (MethodSelector.select(named)) {
            case MethodSelector.Selection.Chosen chosen -> adapter(type, chosen.handler());
            case MethodSelector.Selection.NoneCallable none -> throw DeployErrors.handlerShape(
                    function, "a public method " + name + " taking " + MethodShape.EXPECTED);
            case MethodSelector.Selection.Ambiguous ambiguous -> throw DeployErrors.handlerShape(
                    function, "one method " + name + " with the most parameters; found " + ambiguous.candidates());
        };
    }

    private HandlerAdapter adapter(Class<?> type, MethodSelector.HandlerMethod handler) {
        Method method = handler.method();
        Object instance = Modifier.isStatic(method.getModifiers()) ? null : resolver.newInstance(type);
        MethodHandle handle = bind(method, instance);
        if (handler.shape().isStream()) {
            return new StreamHandlerAdapter(streamInvoker(handle, handler.shape()));
        }
        return new PojoHandlerAdapter(reader(type, handler), pojoInvoker(handle, handler.shape()), codec);
    }

    private EventCodec.EventReader reader(Class<?> type, MethodSelector.HandlerMethod handler) {
        if (handler.shape() == MethodShape.NO_INPUT) {
            return EventCodec.EventReader.NONE;
        }
        Method method = handler.method();
        return codec.reader(codec.memberType(method.getGenericParameterTypes()[0], type, method.getDeclaringClass()));
    }

    private MethodHandle bind(Method method, @Nullable Object instance) {
        method.trySetAccessible();
        try {
            MethodHandle handle = LOOKUP.unreflect(method);
            return instance == null ? handle : handle.bindTo(instance);
        } catch (IllegalAccessException e) {
            throw DeployErrors.handler(function, e.getClass().getName(), "an accessible method " + method, e);
        }
    }

    private static PojoHandlerAdapter.PojoInvoker pojoInvoker(MethodHandle handle, MethodShape shape) {
        MethodHandle full = switch (shape) {
            case NO_INPUT -> MethodHandles.dropArguments(handle, 0, Object.class, Context.class);
            case INPUT -> MethodHandles.dropArguments(handle, 1, Context.class);
            default -> handle;
        };
        MethodHandle exact = full.asType(methodType(Object.class, Object.class, Context.class));
        return (input, context) -> (Object) exact.invokeExact(input, context);
    }

    private static StreamHandlerAdapter.StreamInvoker streamInvoker(MethodHandle handle, MethodShape shape) {
        MethodHandle full = shape == MethodShape.STREAM ? MethodHandles.dropArguments(handle, 2, Context.class) : handle;
        MethodHandle exact = full.asType(methodType(void.class, InputStream.class, OutputStream.class, Context.class));
        return (input, output, context) -> {
            exact.invokeExact(input, output, context);
        };
    }
}
