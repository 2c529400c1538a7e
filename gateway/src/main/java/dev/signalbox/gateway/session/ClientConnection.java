package dev.signalbox.gateway.session;

import java.io.IOException;

/** The transport under a session: a WebSocket today, SSE or another server stack tomorrow. */
public interface ClientConnection {

    /** Writes one text frame. Called by one thread at a time, in queue order; may block. */
    void send(String frame) throws IOException;

    /** Closes the connection with a close code from {@link CloseCodes} and a short reason. */
    void close(int code, String reason);
}
