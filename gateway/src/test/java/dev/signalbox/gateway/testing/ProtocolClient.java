package dev.signalbox.gateway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.signalbox.events.Json;
import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket client (the JDK's) speaking the gateway protocol, for tests: what it receives is
 * queued in order, and every wait has a deadline.
 */
public final class ProtocolClient implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile CompletableFuture<String> pong = new CompletableFuture<>();
    /** False while the client plays a stuck reader: it takes no further frames off the socket. */
    private volatile boolean reading = true;

    private ProtocolClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener())
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
    }

    public static ProtocolClient connect(URI uri) {
        return new ProtocolClient(uri);
    }

    public static ProtocolClient connect(int port) {
        return connect(URI.create("ws://127.0.0.1:" + port + "/ws"));
    }

    public ProtocolClient send(String json) {
        socket.sendText(json, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends a binary frame, which the protocol has none of. */
    public CompletableFuture<WebSocket> sendBinary(byte[] bytes) {
        return socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true);
    }

    /** Sends one message as two WebSocket frames, as a client may fragment any message. */
    public ProtocolClient sendFragmented(String first, String rest) {
        socket.sendText(first, false).thenCompose(s -> s.sendText(rest, true)).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends a WebSocket ping (a control frame, not the protocol's ping message); completes with the pong's payload. */
    public CompletableFuture<String> ping(String payload) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        pong = answer;
        socket.sendPing(java.nio.ByteBuffer.wrap(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return answer;
    }

    /** Starts the closing handshake with this code; {@link #closeCode} then has the gateway's answer. */
    public void sendClose(int code) {
        socket.sendClose(code, "").orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Starts sending a frame without waiting: for frames the gateway may refuse (and close on) mid-way. */
    public CompletableFuture<WebSocket> sendWithoutWaiting(String json) {
        return socket.sendText(json, true);
    }

    public ProtocolClient subscribe(String channel, String fromJson) {
        return send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"from\":" + fromJson + "}");
    }

    /** The next frame, whatever its type. */
    public JsonNode next(Duration timeout) {
        try {
            JsonNode frame = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next frame, which must be of {@code type}. */
    public JsonNode expect(String type, Duration timeout) {
        JsonNode frame = next(timeout);
        if (!type.equals(frame.path("type").asString())) {
            throw new AssertionError("expected a '" + type + "' frame, got " + frame);
        }
        return frame;
    }

    /** The next {@code count} frames, which must all be events. */
    public List<JsonNode> events(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> events = new ArrayList<>(count);
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("received " + events.size() + " of " + count + " events within " + timeout);
            }
            events.add(expect("event", Duration.ofNanos(left)));
        }
        return events;
    }

    /** Frames already received and not yet taken. */
    public List<JsonNode> drain() {
        List<JsonNode> frames = new ArrayList<>();
        received.drainTo(frames);
        return frames;
    }

    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    /** From now on, reads nothing more: the gateway's writes back up as they would to a stuck browser. */
    public void stopReading() {
        reading = false;
    }

    /** Drops the connection without a close handshake, as a network failure would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(Json.MAPPER.readTree(partial.toString()));
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
            pong.complete(java.nio.charset.StandardCharsets.UTF_8.decode(message).toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
