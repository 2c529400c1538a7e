package dev.signalbox.ingest.realtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a transit agency's GTFS-Realtime server on loopback: each path answers whatever
 * the test last set for it — a feed (with an ETag, so conditional GETs get 304), an error status,
 * an HTML error page, or no answer at all until released.
 */
public final class FeedServer implements AutoCloseable {

    public record Answer(int status, String contentType, byte[] body, String etag, boolean stalls) {
        public static Answer feed(byte[] body, String etag) {
            return new Answer(200, "application/x-protobuf", body, etag, false);
        }

        public static Answer status(int status) {
            return new Answer(status, "text/plain", ("status " + status).getBytes(), null, false);
        }

        public static Answer htmlPage() {
            return new Answer(200, "text/html; charset=utf-8", "<!doctype html><html><body><h1>Service unavailable</h1></body></html>".getBytes(), null, false);
        }

        public static Answer hang() {
            return new Answer(200, "application/x-protobuf", new byte[0], null, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    public FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    int requests(String path) {
        return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Answer answer = answers.getOrDefault(path, Answer.status(404));
        try (exchange) {
            if (answer.stalls()) {
                // Holds the connection without a byte, as a stuck server does, until the test ends.
                awaitRelease(Duration.ofSeconds(30));
                return;
            }
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (answer.etag() != null && answer.etag().equals(ifNoneMatch)) {
                exchange.getResponseHeaders().add("ETag", answer.etag());
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            if (answer.etag() != null) {
                exchange.getResponseHeaders().add("ETag", answer.etag());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private void awaitRelease(Duration atMost) {
        try {
            release.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
