package io.socketway.functions;

import java.nio.charset.StandardCharsets;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Rewrites a function's class file so that {@code System.getenv(name)} and {@code System.getenv()} answer from the
 * function's own environment: each call becomes a call to {@link io.socketway.functions.bridge.FunctionEnv} with the
 * function key pushed as a constant, and each method reference or handle constant for {@code System::getenv} is
 * pointed at a synthetic method that does the same.
 *
 * <p>Class files that never mention {@code getenv} are returned unchanged without being parsed (a byte scan), so
 * deploying large libraries stays cheap. Reflective calls ({@code Method.invoke}, {@code MethodHandles.Lookup.findStatic})
 * and JDK code still see the host's environment.
 *
 * <p>Threading: immutable and thread-safe.
 */
final class GetenvRewriter {
    private static final byte[] MARKER = "getenv".getBytes(StandardCharsets.US_ASCII);
    private final String functionKey;

    GetenvRewriter(String functionKey) {
        this.functionKey = functionKey;
    }

    /** Returns {@code classFile} with its {@code System.getenv} uses redirected, or the same array when it has none. */
    byte[] rewrite(String className, byte[] classFile) {
        if (!contains(classFile, MARKER)) {
            return classFile;
        }
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            GetenvClassVisitor visitor = new GetenvClassVisitor(writer, functionKey);
            reader.accept(visitor, 0);
            return visitor.rewritten() ? writer.toByteArray() : classFile;
        } catch (RuntimeException e) {
            ClassFormatError error = new ClassFormatError(className + ": cannot rewrite its System.getenv calls: " + e);
            error.initCause(e);
            throw error;
        }
    }

    private static boolean contains(byte[] bytes, byte[] marker) {
        outer:
        for (int i = 0, last = bytes.length - marker.length; i <= last; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
