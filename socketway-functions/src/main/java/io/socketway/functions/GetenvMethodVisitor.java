package io.socketway.functions;

import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.jspecify.annotations.Nullable;

/**
 * Replaces {@code INVOKESTATIC java/lang/System.getenv} with {@code LDC functionKey; INVOKESTATIC FunctionEnv.getenv},
 * and {@code System::getenv} handles (in {@code invokedynamic} arguments and {@code LDC}) with the owner's synthetic
 * methods. A rewritten method's max stack grows by one, for the pushed key.
 *
 * <p>Threading: single-threaded.
 */
final class GetenvMethodVisitor extends MethodVisitor {
    static final String BRIDGE_ONE = "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;";
    static final String BRIDGE_ALL = "(Ljava/lang/String;)Ljava/util/Map;";

    private final String functionKey;
    private final GetenvClassVisitor owner;
    private boolean pushesKey;

    GetenvMethodVisitor(MethodVisitor next, String functionKey, GetenvClassVisitor owner) {
        super(Opcodes.ASM9, next);
        this.functionKey = functionKey;
        this.owner = owner;
    }

    @Override
    public void visitMethodInsn(int opcode, String type, String name, String descriptor, boolean isInterface) {
        String bridge = bridgeDescriptor(opcode, type, name, descriptor);
        if (bridge == null) {
            super.visitMethodInsn(opcode, type, name, descriptor, isInterface);
            return;
        }
        super.visitLdcInsn(functionKey);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GetenvClassVisitor.BRIDGE, "getenv", bridge, false);
        pushesKey = true;
        owner.markRewritten();
    }

    private static @Nullable String bridgeDescriptor(int opcode, String type, String name, String descriptor) {
        if (opcode != Opcodes.INVOKESTATIC || !type.equals(GetenvClassVisitor.SYSTEM) || !name.equals("getenv")) {
            return null;
        }
        return switch (descriptor) {
            case GetenvClassVisitor.GETENV_ONE -> BRIDGE_ONE;
            case GetenvClassVisitor.GETENV_ALL -> BRIDGE_ALL;
            default -> null;
        };
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        Object[] replaced = arguments.clone();
        for (int i = 0; i < replaced.length; i++) {
            if (replaced[i] instanceof Handle handle) {
                replaced[i] = owner.replace(handle);
            }
        }
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, replaced);
    }

    @Override
    public void visitLdcInsn(Object value) {
        super.visitLdcInsn(value instanceof Handle handle ? owner.replace(handle) : value);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(pushesKey ? maxStack + 1 : maxStack, maxLocals);
    }
}
