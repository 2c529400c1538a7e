package dev.signalbox.gateway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client over the JDK's HTTP client, reading the stream as the HTML
 * specification's event-stream format: {@code event}, {@code id} and {@code data} fields, an event
 * ending at a blank line. It sends {@code Last-Event-ID} when given one, as {@code EventSource}
 * does on reconnect.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    public record Event(String name, String id, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    private SseClient(URI uri, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(this::read);
    }

    public static SseClient connect(URI uri, String lastEventId) {
        return new SseClient(uri, lastEventId);
    }

    public int status(Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
    }

    /** The next event named {@code name}, skipping none: any other event first is a failure. */
    public Event expect(String name, Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no '" + name + "' event within " + timeout);
        }
        if (!event.name().equals(name)) {
            throw new AssertionError("expected a '" + name + "' event, got " + event);
        }
        return event;
    }

    public List<Event> events(int count, Duration timeout) throws InterruptedException {
        List<Event> received = new ArrayList<>(count);
        while (received.size() < count) {
            received.add(expect("event", timeout));
        }
        return received;
    }

    private void read(HttpResponse<Stream<String>> response) {
        lines = response.body();
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name == null ? "message" : name, id, data.toString()));
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).strip());
            }
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        if (lines != null) {
            lines.close();
        }
    }
}
