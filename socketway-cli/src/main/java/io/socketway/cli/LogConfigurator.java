package io.socketway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures logging in code, found by Logback through {@code META-INF/services}: one line per event on standard
 * error ({@code HH:mm:ss.SSS LEVEL logger - message}), the root level from {@code SOCKETWAY_LOG_LEVEL} (default
 * {@code INFO}), Netty at {@code WARN}. Done in code rather than {@code logback.xml} because parsing XML configuration
 * loads about 600 classes and costs a noticeable part of start-up. A {@code -Dlogback.configurationFile=...} still
 * takes precedence, for users who want their own configuration.
 *
 * <p>Threading: Logback calls {@link #configure} once, on the thread that first asks for a logger.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** Creates the configurator; Logback calls this through the service loader. */
    public LogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        String level = System.getenv("SOCKETWAY_LOG_LEVEL");
        root.setLevel(Level.toLevel(level == null ? "INFO" : level, Level.INFO));
        root.addAppender(stderr);
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
