package io.socketway.functions;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.jspecify.annotations.Nullable;

/**
 * Wraps each method in a {@link GetenvMethodVisitor} and, when a method reference to {@code System::getenv} was
 * redirected, adds the private synthetic methods it now points to.
 *
 * <p>Threading: one instance per class file, single-threaded.
 */
final class GetenvClassVisitor extends ClassVisitor {
    static final String BRIDGE = "io/socketway/functions/bridge/FunctionEnv";
    static final String SYSTEM = "java/lang/System";
    static final String GETENV_ONE = "(Ljava/lang/String;)Ljava/lang/String;";
    static final String GETENV_ALL = "()Ljava/util/Map;";
    private static final String SYNTHETIC_ONE = "socketway$getenv";
    private static final String SYNTHETIC_ALL = "socketway$getenvMap";

    private final String functionKey;
    private String owner = "";
    private boolean isInterface;
    private boolean canAddPrivateMethods;
    private boolean rewritten;
    private boolean needsOne;
    private boolean needsAll;

    GetenvClassVisitor(ClassVisitor next, String functionKey) {
        super(Opcodes.ASM9, next);
        this.functionKey = functionKey;
    }

    /** Returns true when at least one instruction or constant changed. */
    boolean rewritten() {
        return rewritten;
    }

    @Override
    public void visit(
            int version,
            int access,
            String name,
            @Nullable String signature,
            @Nullable String superName,
            String @Nullable [] interfaces) {
        owner = name;
        isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        canAddPrivateMethods = !isInterface || (version & 0xFFFF) >= Opcodes.V1_8;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public @Nullable MethodVisitor visitMethod(
            int access, String name, String descriptor, @Nullable String signature, String @Nullable [] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        return next == null ? null : new GetenvMethodVisitor(next, functionKey, this);
    }

    /** Records that a call was redirected. */
    void markRewritten() {
        rewritten = true;
    }

    /** Returns the handle that replaces {@code handle}, or {@code handle} itself when it is not {@code System::getenv}. */
    Handle replace(Handle handle) {
        if (handle.getTag() != Opcodes.H_INVOKESTATIC
                || !handle.getOwner().equals(SYSTEM)
                || !handle.getName().equals("getenv")
                || !canAddPrivateMethods) {
            return handle;
        }
        boolean one = handle.getDesc().equals(GETENV_ONE);
        if (!one && !handle.getDesc().equals(GETENV_ALL)) {
            return handle;
        }
        rewritten = true;
        needsOne |= one;
        needsAll |= !one;
        return new Handle(
                Opcodes.H_INVOKESTATIC, owner, one ? SYNTHETIC_ONE : SYNTHETIC_ALL, handle.getDesc(), isInterface);
    }

    @Override
    public void visitEnd() {
        if (needsOne) {
            addSynthetic(SYNTHETIC_ONE, GETENV_ONE, true);
        }
        if (needsAll) {
            addSynthetic(SYNTHETIC_ALL, GETENV_ALL, false);
        }
        super.visitEnd();
    }

    private void addSynthetic(String name, String descriptor, boolean takesName) {
        int access = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        MethodVisitor mv = super.visitMethod(access, name, descriptor, null, null);
        mv.visitCode();
        if (takesName) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
        }
        mv.visitLdcInsn(functionKey);
        String bridgeDescriptor = takesName ? GetenvMethodVisitor.BRIDGE_ONE : GetenvMethodVisitor.BRIDGE_ALL;
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "getenv", bridgeDescriptor, false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(takesName ? 2 : 1, takesName ? 1 : 0);
        mv.visitEnd();
    }
}
