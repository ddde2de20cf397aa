package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.socketway.api.FunctionDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Turns a {@code Handler} value into a {@link HandlerAdapter}: loads and initializes the class (so static initializers
 * run at deploy), creates the one handler instance, and resolves the input type. {@code pkg.Class} must implement
 * {@link RequestStreamHandler} (checked first) or {@link RequestHandler}; {@code pkg.Class::method} goes through
 * {@link MethodHandlers}.
 *
 * <p>Threading: used once per deploy, on the deploying thread.
 */
final class HandlerResolver {
    private final FunctionDefinition function;
    private final ClassLoader loader;
    private final EventCodec codec;

    HandlerResolver(FunctionDefinition function, ClassLoader loader, EventCodec codec) {
        this.function = function;
        this.loader = loader;
        this.codec = codec;
    }

    /** Resolves {@code name}, or throws a {@code FunctionException} naming the handler and what was expected. */
    HandlerAdapter resolve(HandlerName name) {
        Class<?> type = load(name.className());
        try {
            return name.methodName()
                    .map(method -> new MethodHandlers(function, codec, this).adapter(type, method))
                    .orElseGet(() -> fromInterface(type));
        } catch (LinkageError | TypeNotPresentException e) {
            throw missingClass(type.getName(), e);
        }
    }

    private Class<?> load(String className) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            String expected = "a class " + className + " in CodeUri " + function.codeUri();
            throw DeployErrors.handler(function, "java.lang.ClassNotFoundException", expected, e);
        } catch (ExceptionInInitializerError e) {
            Throwable thrown = e.getCause() == null ? e : e.getCause();
            throw DeployErrors.handlerFailed(function, "a class whose static initializer completes", thrown);
        } catch (UnsupportedClassVersionError e) {
            String expected = "classes compiled for Java " + Runtime.version().feature() + " or older, the gateway's JVM";
            throw DeployErrors.handler(function, e.getClass().getName(), expected + " (" + e.getMessage() + ")", e);
        } catch (LinkageError e) {
            throw missingClass(className, e);
        }
    }

    private RuntimeException missingClass(String className, Throwable e) {
        String missing = switch (e) {
            case TypeNotPresentException t -> t.typeName();
            case NoClassDefFoundError n when n.getMessage() != null -> n.getMessage().replace('/', '.');
            default -> e.toString();
        };
        String expected = "every class " + className + " needs, in CodeUri " + function.codeUri() + "; missing " + missing;
        return DeployErrors.handler(function, "java.lang.NoClassDefFoundError", expected, e);
    }

    @SuppressWarnings("unchecked")
    private HandlerAdapter fromInterface(Class<?> type) {
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            RequestStreamHandler handler = (RequestStreamHandler) newInstance(type);
            return new StreamHandlerAdapter(handler::handleRequest);
        }
        if (RequestHandler.class.isAssignableFrom(type)) {
            RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) newInstance(type);
            EventCodec.EventReader reader = codec.reader(codec.typeArgument(type, RequestHandler.class, 0));
            return new PojoHandlerAdapter(reader, handler::handleRequest, codec);
        }
        throw DeployErrors.handlerShape(
                function, "a class implementing RequestHandler or RequestStreamHandler, or pkg.Class::method");
    }

    /** Creates the handler instance through its public no-arg constructor. */
    Object newInstance(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw DeployErrors.handlerShape(function, "a concrete class " + type.getName() + " to instantiate");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw DeployErrors.handlerShape(function, "a public no-arg constructor in " + type.getName());
        }
        constructor.trySetAccessible();
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            String expected = "a public no-arg constructor of " + type.getName() + " that completes";
            throw DeployErrors.handlerFailed(function, expected, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw DeployErrors.handler(function, e.getClass().getName(), "an accessible class " + type.getName(), e);
        }
    }
}
