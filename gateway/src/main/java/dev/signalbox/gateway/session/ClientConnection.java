package dev.signalbox.gateway.session;

import java.io.IOException;
import java.util.concurrent.Executor;

import dev.signalbox.gateway.protocol.Frame;

/**
 * The transport under a session: a servlet or a Reactor Netty WebSocket, or an SSE stream of
 * either stack. A session's outbox drains to it on one thread at a time, in queue order.
 */
public interface ClientConnection {

    /** Writes one frame; it may sit in the transport's buffer until {@link #flush}. May block. */
    void send(Frame frame) throws IOException;

    /** Pushes out what {@link #send} buffered; called once the outbox has nothing more to write now. */
    default void flush() throws IOException {
    }

    /**
     * False while the transport's own buffer is full: the outbox stops and keeps the frames (and
     * counts them against the session's bound) until {@link #whenWritable} calls back.
     */
    default boolean writable() {
        return true;
    }

    /** Runs {@code resume} once, when the connection is writable again after {@link #writable} said no. */
    default void whenWritable(Runnable resume) {
    }

    /** The thread to write on: the shared writer pool, unless the transport has a thread of its own for this connection. */
    default Executor writer(Executor pool) {
        return pool;
    }

    /** Closes the connection with a close code from {@link CloseCodes} and a short reason. */
    void close(int code, String reason);
}
