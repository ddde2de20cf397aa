package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the handler method among the public methods of one name, with Lambda's preferences: the most parameters
 * first, then a {@link Context} as last parameter, then a method the source declares over a compiler-made bridge. When
 * two methods tie on all three, the choice is ambiguous and deploy fails rather than guess.
 *
 * <p>Threading: stateless.
 */
final class MethodSelector {
    private static final Comparator<Method> PREFERENCE = Comparator.<Method>comparingInt(Method::getParameterCount)
            .thenComparing(MethodSelector::endsWithContext)
            .thenComparing(m -> !m.isBridge() && !m.isSynthetic())
            .reversed();

    private MethodSelector() {}

    /** A chosen method and its parameter shape. */
    record HandlerMethod(Method method, MethodShape shape) {}

    /** The outcome: the chosen method, or why there is none. */
    sealed interface Selection {
        /** Exactly one best method. */
        record Chosen(HandlerMethod handler) implements Selection {}
        /** No method of the name has an accepted parameter list. */
        record NoneCallable() implements Selection {}
        /** Several methods tie for best. */
        record Ambiguous(String candidates) implements Selection {}
    }

    /** Selects among {@code methods}, all of the same name. */
    static Selection select(List<Method> methods) {
        List<Method> callable = methods.stream()
                .filter(m -> MethodShape.of(m).isPresent())
                .sorted(PREFERENCE)
                .toList();
        if (callable.isEmpty()) {
            return new Selection.NoneCallable();
        }
        Method best = callable.get(0);
        List<Method> tied = callable.stream().filter(m -> PREFERENCE.compare(m, best) == 0).toList();
        if (tied.size() > 1) {
            return new Selection.Ambiguous(tied.stream().map(MethodSelector::signature).collect(Collectors.joining(", ")));
        }
        return new Selection.Chosen(new HandlerMethod(best, MethodShape.of(best).orElseThrow()));
    }

    private static boolean endsWithContext(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        return parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
    }

    private static String signature(Method method) {
        return method.getName()
                + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
