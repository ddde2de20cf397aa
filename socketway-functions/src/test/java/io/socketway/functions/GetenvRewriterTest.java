package io.socketway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

@Timeout(60)
class GetenvRewriterTest {
    private final GetenvRewriter rewriter = new GetenvRewriter("Fn@key");

    @TempDir
    Path temp;

    private byte[] compile(String className, String source) throws Exception {
        Path directory = HandlerJarBuilder.create().source(className, source).buildDirectory(temp.resolve("classes"));
        return Files.readAllBytes(directory.resolve(className.replace('.', '/') + ".class"));
    }

    /** Lists each method call and handle constant as {@code owner.name}. */
    private static List<String> references(byte[] classFile) {
        List<String> references = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String d, boolean itf) {
                        references.add(owner + "." + method);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String method, String d, Handle bsm, Object... args) {
                        for (Object arg : args) {
                            if (arg instanceof Handle handle) {
                                references.add(handle.getOwner() + "." + handle.getName());
                            }
                        }
                    }
                };
            }
        }, 0);
        return references;
    }

    @Test
    void classWithoutGetenvIsReturnedAsIs() throws Exception {
        byte[] original = compile("demo.Quiet", "package demo; public class Quiet { String s() { return \"x\"; } }");

        assertThat(rewriter.rewrite("demo.Quiet", original)).isSameAs(original);
    }

    @Test
    void classThatOnlyNamesGetenvIsReturnedAsIs() throws Exception {
        byte[] original = compile("demo.Named", "package demo; public class Named { String getenv() { return \"\"; } }");

        assertThat(rewriter.rewrite("demo.Named", original)).isSameAs(original);
    }

    @Test
    void callsAndMethodReferencesGoThroughTheBridge() throws Exception {
        byte[] original = compile("demo.Reads", """
                package demo;
                import java.util.function.*;
                public class Reads {
                    String one() { return System.getenv("A"); }
                    int all() { return System.getenv().size(); }
                    Function<String, String> ref() { return System::getenv; }
                }""");

        byte[] rewritten = rewriter.rewrite("demo.Reads", original);

        assertThat(references(original)).contains("java/lang/System.getenv");
        assertThat(references(rewritten))
                .doesNotContain("java/lang/System.getenv")
                .contains("io/socketway/functions/bridge/FunctionEnv.getenv", "demo/Reads.socketway$getenv");
    }
}
