package io.socketway.functions;

import io.socketway.functions.bridge.FunctionEnv;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides where a function class loader finds each class name: the gateway's loader (the Lambda core interfaces and
 * the {@link FunctionEnv} bridge, shared as on Lambda), the JDK first for its own packages (so a bundled
 * {@code xml-apis} cannot shadow {@code org.w3c.dom.Node}; bundled classes the JDK lacks still load), or the
 * function's own code first.
 *
 * <p>Only the two packages of {@code aws-lambda-java-core} are shared; {@code ...runtime.events}, serialization
 * libraries and everything else come from the function's code.
 *
 * <p>Threading: immutable.
 */
final class ClassSharing {
    private static final Set<String> GATEWAY_PACKAGES =
            Set.of("com.amazonaws.services.lambda.runtime", "com.amazonaws.services.lambda.runtime.logging");
    private static final String BRIDGE_CLASS = FunctionEnv.class.getName();
    private static final Set<String> JDK_PACKAGES = jdkPackages();

    private ClassSharing() {}

    /** Returns true when {@code className} must be the gateway's class, even if the function bundles one. */
    static boolean fromGateway(String className) {
        return className.equals(BRIDGE_CLASS) || GATEWAY_PACKAGES.contains(packageOf(className));
    }

    /** Returns true when {@code className} belongs to a JDK package and so is never defined by a function. */
    static boolean fromJdk(String className) {
        return className.startsWith("java.") || JDK_PACKAGES.contains(packageOf(className));
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static Set<String> jdkPackages() {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        return ModuleLayer.boot().modules().stream()
                .filter(m -> m.getClassLoader() == null || m.getClassLoader() == platform)
                .flatMap(m -> m.getPackages().stream())
                .collect(Collectors.toUnmodifiableSet());
    }
}
