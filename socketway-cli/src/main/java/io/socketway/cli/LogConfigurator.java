package io.socketway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Configures logging in code, found by Logback through {@code META-INF/services}: one line per event on standard
 * error, the root level from {@code SOCKETWAY_LOG_LEVEL} (default {@code INFO}), Netty at {@code WARN}. Lines are text
 * ({@code HH:mm:ss.SSS LEVEL logger [requestId] - message}, the request id only while a request runs) or, with
 * {@code SOCKETWAY_LOG_FORMAT=json} or {@code --log-format json}, one JSON object per line (Logback's
 * {@link JsonEncoder}: {@code timestamp}, {@code level}, {@code threadName}, {@code loggerName}, {@code mdc} with
 * {@code requestId}, {@code formattedMessage}, {@code throwable}). Done in code rather than {@code logback.xml} because
 * parsing XML configuration loads about 600 classes and costs a noticeable part of start-up. A
 * {@code -Dlogback.configurationFile=...} still takes precedence, for users who want their own configuration.
 *
 * <p>Threading: Logback calls {@link #configure} once, on the thread that first asks for a logger; {@link #use} is
 * called by the command on its main thread before the gateway starts.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** The text layout: the request id in brackets when the MDC has one. */
    static final String TEXT_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level %logger{24}%replace( [%X{requestId}]){' \\[\\]', ''} - %msg%n";
    private static final String APPENDER = "STDERR";

    /** The layouts of application log lines. */
    enum LogFormat {
        /** Human-readable lines. */
        TEXT,
        /** One JSON object per line, for log shippers. */
        JSON
    }

    /** Creates the configurator; Logback calls this through the service loader. */
    public LogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String format = System.getenv("SOCKETWAY_LOG_FORMAT");
        install(context, "json".equalsIgnoreCase(format) ? LogFormat.JSON : LogFormat.TEXT, null);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        String level = System.getenv("SOCKETWAY_LOG_LEVEL");
        root.setLevel(Level.toLevel(level == null ? "INFO" : level, Level.INFO));
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Switches standard error to {@code format}, unless the user's own Logback configuration is in use. */
    static void use(LogFormat format) {
        if (System.getProperty("logback.configurationFile") == null
                && org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            install(context, format, null);
        }
    }

    /**
     * Replaces the root logger's appender with one writing {@code format} lines to {@code out}, or to standard error
     * when {@code out} is null.
     */
    static void install(LoggerContext context, LogFormat format, @org.jspecify.annotations.Nullable OutputStream out) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> appender;
        if (out == null) {
            ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
            stderr.setTarget("System.err");
            appender = stderr;
        } else {
            appender = new OutputStreamAppender<>();
            appender.setOutputStream(out);
        }
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setEncoder(encoder(context, format));
        appender.start();
        root.detachAppender(APPENDER);
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        if (format == LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }

    /** Parses {@code --log-format}. */
    static LogFormat parse(String value) {
        try {
            return LogFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--log-format: " + value + " (expected: text or json)");
        }
    }
}
