package io.socketway.functions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * Loads one function's classes from its {@link FunctionCode}, child-first, with the platform class loader as parent so
 * the gateway's libraries stay invisible. {@link ClassSharing} names the exceptions: the Lambda core interfaces and the
 * environment bridge come from the gateway's loader, JDK packages from the platform. Every class this loader defines
 * passes through {@link GetenvRewriter}.
 *
 * <p>Resources are child-first too. {@link #getResourceAsStream} reads the function's jars directly.
 *
 * <p>Threading: parallel capable; {@link #close} closes the code after which loading new classes fails.
 */
final class FunctionClassLoader extends ClassLoader implements AutoCloseable {
    static {
        registerAsParallelCapable();
    }

    private final FunctionCode code;
    private final List<CodeRoot> roots;
    private final GetenvRewriter rewriter;
    private final ClassLoader gateway = FunctionClassLoader.class.getClassLoader();
    private final Map<CodeRoot, ProtectionDomain> domains = new ConcurrentHashMap<>();
    private volatile boolean closed;

    FunctionClassLoader(String name, FunctionCode code, GetenvRewriter rewriter) {
        super(name, ClassLoader.getPlatformClassLoader());
        this.code = code;
        this.roots = code.roots();
        this.rewriter = rewriter;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = load(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> load(String name) throws ClassNotFoundException {
        if (ClassSharing.fromJdk(name)) {
            try {
                return getParent().loadClass(name);
            } catch (ClassNotFoundException notInJdk) {
                if (name.startsWith("java.")) {
                    throw notInJdk;
                }
                return findClass(name);
            }
        }
        if (ClassSharing.fromGateway(name)) {
            try {
                return gateway.loadClass(name);
            } catch (ClassNotFoundException newerThanGateway) {
                return findClass(name);
            }
        }
        try {
            return findClass(name);
        } catch (ClassNotFoundException notBundled) {
            return getParent().loadClass(name);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (closed) {
            throw new ClassNotFoundException(name + " (function " + getName() + " is closed)");
        }
        String path = name.replace('.', '/').concat(".class");
        for (CodeRoot root : roots) {
            try (InputStream in = root.open(path)) {
                if (in != null) {
                    return define(name, in.readAllBytes(), root);
                }
            } catch (IOException | IllegalStateException e) {
                throw new ClassNotFoundException(name + " (reading " + root + " failed)", e);
            }
        }
        throw new ClassNotFoundException(name);
    }

    private Class<?> define(String name, byte[] original, CodeRoot root) {
        byte[] bytes = rewriter.rewrite(name, original);
        definePackageOf(name, root.manifest());
        ProtectionDomain domain = domains.computeIfAbsent(root, this::protectionDomain);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    private ProtectionDomain protectionDomain(CodeRoot root) {
        return new ProtectionDomain(new CodeSource(root.location(), (CodeSigner[]) null), null, this, null);
    }

    private void definePackageOf(String className, @Nullable Manifest manifest) {
        int dot = className.lastIndexOf('.');
        String name = dot < 0 ? "" : className.substring(0, dot);
        if (dot < 0 || getDefinedPackage(name) != null) {
            return;
        }
        Attributes a = manifest == null ? new Attributes() : manifest.getMainAttributes();
        try {
            definePackage(
                    name,
                    a.getValue(Attributes.Name.SPECIFICATION_TITLE),
                    a.getValue(Attributes.Name.SPECIFICATION_VERSION),
                    a.getValue(Attributes.Name.SPECIFICATION_VENDOR),
                    a.getValue(Attributes.Name.IMPLEMENTATION_TITLE),
                    a.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
                    a.getValue(Attributes.Name.IMPLEMENTATION_VENDOR),
                    null);
        } catch (IllegalArgumentException definedConcurrently) {
            // Another class of the same package was defined at the same time; its package is as good.
        }
    }

    @Override
    public @Nullable URL getResource(String name) {
        URL url = findResource(name);
        return url != null ? url : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = Collections.list(findResources(name));
        urls.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(urls);
    }

    @Override
    public @Nullable InputStream getResourceAsStream(String name) {
        for (CodeRoot root : openRoots()) {
            try {
                InputStream in = root.open(name);
                if (in != null) {
                    return in;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return getParent().getResourceAsStream(name);
    }

    @Override
    protected @Nullable URL findResource(String name) {
        for (CodeRoot root : openRoots()) {
            URL url = root.find(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        List<URL> urls = new ArrayList<>();
        for (CodeRoot root : openRoots()) {
            URL url = root.find(name);
            if (url != null) {
                urls.add(url);
            }
        }
        return Collections.enumeration(urls);
    }

    private List<CodeRoot> openRoots() {
        return closed ? List.of() : roots;
    }

    /** Closes the function's jars and deletes its extracted files; classes already loaded keep working. */
    @Override
    public void close() {
        closed = true;
        code.close();
    }

    @Override
    public String toString() {
        return "FunctionClassLoader[" + getName() + "]";
    }
}
