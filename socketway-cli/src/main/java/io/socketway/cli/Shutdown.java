package io.socketway.cli;

import io.socketway.netty.GatewayServer;
import sun.misc.Signal;

/**
 * Drains the server on SIGTERM and SIGINT, so that the process ends with status 0 once every client has had its
 * 1001 close and its {@code $disconnect} (a JVM shutdown hook alone would exit 143).
 */
final class Shutdown {
    private Shutdown() {}

    static void onSignals(GatewayServer server) {
        Runnable drain = () -> {
            System.err.println("socketway: draining connections and stopping");
            server.close();
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> Thread.ofPlatform().name("socketway-drain").start(drain));
            } catch (IllegalArgumentException e) {
                // The signal is not available on this platform; the shutdown hook below still drains.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "socketway-shutdown"));
    }
}
