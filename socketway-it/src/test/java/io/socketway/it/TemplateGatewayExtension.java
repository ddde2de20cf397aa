package io.socketway.it;

import io.socketway.api.ApiDefinition;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.functions.JavaFunctionRuntime;
import io.socketway.netty.GatewayServer;
import io.socketway.template.TemplateLoader;
import io.socketway.template.TemplateOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Serves a SAM template with a real gateway on a free loopback port, a fresh one for each test, so that state kept by
 * the template's functions never leaks from one test into the next. Functions run in-process with
 * {@link JavaFunctionRuntime}. Closing drains: clients get 1001 and their {@code $disconnect}.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TemplateGatewayExtension gateway = TemplateGatewayExtension.of(Path.of("../examples/chat/template.yaml"));
 * }</pre>
 */
final class TemplateGatewayExtension implements BeforeEachCallback, AfterEachCallback {
    private final Path template;
    private final UnaryOperator<GatewaySettings> settings;
    private @Nullable GatewayServer server;

    private TemplateGatewayExtension(Path template, UnaryOperator<GatewaySettings> settings) {
        this.template = template;
        this.settings = settings;
    }

    /** Returns an extension that serves {@code template} (relative paths resolve against this module). */
    static TemplateGatewayExtension of(Path template) {
        return of(template, s -> s);
    }

    /** Returns an extension that serves {@code template} with the default settings as {@code settings} changes them. */
    static TemplateGatewayExtension of(Path template, UnaryOperator<GatewaySettings> settings) {
        return new TemplateGatewayExtension(template, settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!Files.isRegularFile(template)) {
            throw new IllegalStateException("template: " + template.toAbsolutePath() + " (expected: an existing file)");
        }
        ApiDefinition api = TemplateLoader.load(template, TemplateOptions.defaults());
        Gateway gateway = Gateway.builder(api)
                .settings(settings.apply(GatewaySettings.defaults().withPort(0)))
                .functionRuntime(new JavaFunctionRuntime())
                .build();
        server = GatewayServer.start(gateway);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Returns the running server. */
    GatewayServer server() {
        if (server == null) {
            throw new IllegalStateException("The gateway runs only during a test");
        }
        return server;
    }

    /** Returns the WebSocket URL of {@code stage}, for example {@code ws://127.0.0.1:41234/dev}. */
    URI webSocketUrl(String stage) {
        return URI.create(server().endpoint().webSocketBase() + "/" + stage);
    }
}
