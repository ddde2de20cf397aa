package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * Writes a function's {@link LambdaLogger} output to SLF4J, each line prefixed with the request id. Plain
 * {@code log} calls log at INFO; {@link LogLevel} maps to the SLF4J level of the same name (FATAL to ERROR). One
 * trailing line break is dropped, since SLF4J adds its own.
 *
 * <p>Threading: immutable and thread-safe.
 */
final class FunctionLogger implements LambdaLogger {
    private final Logger logger;
    private final String requestId;

    FunctionLogger(Logger logger, String requestId) {
        this.logger = logger;
        this.requestId = requestId;
    }

    @Override
    public void log(String message) {
        log(message, LogLevel.INFO);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8), LogLevel.INFO);
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        log(new String(message, StandardCharsets.UTF_8), level);
    }

    @Override
    public void log(String message, LogLevel level) {
        String line = withoutTrailingNewline(String.valueOf(message));
        switch (level) {
            case TRACE -> logger.trace("{} {}", requestId, line);
            case DEBUG -> logger.debug("{} {}", requestId, line);
            case WARN -> logger.warn("{} {}", requestId, line);
            case ERROR, FATAL -> logger.error("{} {}", requestId, line);
            default -> logger.info("{} {}", requestId, line);
        }
    }

    private static String withoutTrailingNewline(String message) {
        if (message.endsWith("\r\n")) {
            return message.substring(0, message.length() - 2);
        }
        return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
    }
}
