package io.socketway.security.sigv4;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Raises the SDK's log level to INFO: at DEBUG it logs every canonical request, thousands in the property tests. */
final class QuietSdkLogs {

    static {
        if (LoggerFactory.getLogger("software.amazon.awssdk") instanceof Logger logback) {
            logback.setLevel(Level.INFO);
        }
    }

    private QuietSdkLogs() {}

    /** Does nothing; calling it runs the static initialiser once. */
    static void apply() {}
}
