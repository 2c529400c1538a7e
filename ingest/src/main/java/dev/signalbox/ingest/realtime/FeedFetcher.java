package dev.signalbox.ingest.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.ingest.IngestProperties.RealtimeFeed;

/**
 * Fetches one GTFS-Realtime URL with conditional GET: the ETag and Last-Modified of the last good
 * answer are sent back, so an unchanged feed costs a 304 and no parsing. Anything but a 200 with a
 * body that could be protobuf is a {@link FetchFailedException} saying what came back.
 */
final class FeedFetcher {

    /** The body, or null when the server answered 304 Not Modified. */
    record Fetched(byte[] body) {
        boolean notModified() {
            return body == null;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FeedFetcher.class);

    /** Ends reads that outlive their fetch's deadline; one daemon thread for every feed. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gtfs-rt-fetch-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final RealtimeFeed feed;
    private final HttpClient http;
    /** Where a feed given as a bare path is: this app's own server, known once it listens. */
    private final Supplier<URI> ownServer;
    private String etag;
    private String lastModified;

    FeedFetcher(RealtimeFeed feed, HttpClient http, Supplier<URI> ownServer) {
        this.feed = feed;
        this.http = http;
        this.ownServer = ownServer;
    }

    Fetched fetch() throws FetchFailedException, InterruptedException {
        URI url = feed.url().isAbsolute() ? feed.url() : ownServer.get().resolve(feed.url());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(feed.timeout()).GET()
                .header("Accept", "application/x-protobuf, application/octet-stream;q=0.9, */*;q=0.1");
        feed.headers().forEach(request::header);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        long deadline = System.nanoTime() + feed.timeout().toNanos();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new FetchFailedException("timeout", "no answer within " + feed.timeout());
        } catch (IOException e) {
            throw new FetchFailedException("unreachable", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 304) {
                return new Fetched(null);
            }
            if (status != 200) {
                throw new FetchFailedException("http-" + status, "answered HTTP " + status);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (contentType.startsWith("text/html")) {
                throw new FetchFailedException("html", "answered an HTML page, not a GTFS-Realtime feed");
            }
            // The request timeout ends at the headers; a body that stalls is cut off at the same deadline.
            ScheduledFuture<?> guard = WATCHDOG.schedule(() -> closeQuietly(body), deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            byte[] bytes;
            try {
                bytes = readBounded(body, feed.maxSize().toBytes());
            } catch (IOException e) {
                if (guard.isDone()) {
                    throw new FetchFailedException("timeout", "the body did not arrive within " + feed.timeout());
                }
                throw e;
            } finally {
                guard.cancel(false);
            }
            etag = response.headers().firstValue("ETag").orElse(null);
            lastModified = response.headers().firstValue("Last-Modified").orElse(null);
            return new Fetched(bytes);
        } catch (IOException e) {
            throw new FetchFailedException("unreachable", "reading the body failed: " + e.getMessage());
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Closing is how a stalled read is ended; if even that fails, the read's own error follows.
            log.debug("Closing a stalled feed body failed: {}", e.getMessage());
        }
    }

    private static byte[] readBounded(InputStream body, long limit) throws IOException, FetchFailedException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new FetchFailedException("too-large", "the feed is larger than " + limit + " bytes");
        }
        return bytes;
    }

    /** Forget the validators, so the next fetch gets the whole feed (after a failed publish). */
    void forgetValidators() {
        etag = null;
        lastModified = null;
    }

    /**
     * A fetch that produced no feed.
     */
    static final class FetchFailedException extends Exception {

        private final String outcome;

        FetchFailedException(String outcome, String message) {
            super(message);
            this.outcome = outcome;
        }

        /** A short word for the metric's outcome tag: timeout, unreachable, http-500, html, too-large. */
        String outcome() {
            return outcome;
        }
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }
}
