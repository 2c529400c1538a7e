package dev.signalbox.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a loopback port nobody listens on (the usual bind-to-zero trick; the window to race is tiny). */
final class FreePort {

    private FreePort() {
    }

    static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    static int orFree(int port) {
        return port > 0 ? port : find();
    }
}
