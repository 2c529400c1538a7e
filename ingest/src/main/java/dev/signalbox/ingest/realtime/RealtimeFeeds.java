package dev.signalbox.ingest.realtime;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.stereotype.Component;

import dev.signalbox.ingest.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every configured GTFS-Realtime poller, each rescheduling itself after its poll, on a small
 * shared pool: a slow or failing feed holds one thread for at most its timeout and never delays
 * another feed's schedule by more than that.
 */
@Component
class RealtimeFeeds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RealtimeFeeds.class);
    private static final int MAX_THREADS = 4;

    private final Map<String, FeedPoller> pollers;
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private ScheduledThreadPoolExecutor scheduler;
    private volatile URI ownServer;
    private volatile boolean running;

    RealtimeFeeds(IngestProperties properties, KafkaProperties kafka, StaticFeeds schedules, MeterRegistry registry) {
        this.producers = producerFactory(kafka);
        FeedPublisher publisher = new FeedPublisher(producers.createProducer(), properties.transit());
        var http = FeedFetcher.newClient();
        Clock clock = Clock.systemUTC();
        this.pollers = properties.transit().realtime().stream()
                .map(feed -> new FeedPoller(feed, new FeedFetcher(feed, http, this::ownServer), publisher, schedules::index, new FeedHealth(feed, clock, registry), clock))
                .collect(Collectors.toMap(poller -> poller.feed().id(), Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("two signalbox.ingest.transit.realtime feeds have the id " + a.feed().id());
                }, java.util.LinkedHashMap::new));
    }

    /**
     * Producers with the app's Kafka settings ({@code spring.kafka.producer.*}) but bytes for values:
     * feed entities are written as GTFS-Realtime protobuf, dead letters as the bytes that came in.
     */
    static DefaultKafkaProducerFactory<String, byte[]> producerFactory(KafkaProperties kafka) {
        Map<String, Object> settings = kafka.buildProducerProperties();
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // A 10,000-entity trip-update poll is megabytes of protobuf, each record repeating its trip and
        // stop ids: lz4 is cheap on CPU, and fewer bytes are for the broker to write and consumers to fetch.
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new DefaultKafkaProducerFactory<>(settings);
    }

    /** Feeds given as a path are this app's own (the simulator): known once the server listens. */
    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // a management server on a port of its own serves no feeds
        }
        ownServer = URI.create("http://127.0.0.1:" + event.getWebServer().getPort());
    }

    private URI ownServer() {
        URI server = ownServer;
        if (server == null) {
            throw new IllegalStateException("a feed on this app's own server was polled before the server listens");
        }
        return server;
    }

    List<FeedHealth.View> health() {
        return pollers.values().stream().map(poller -> poller.health().view()).toList();
    }

    Optional<FeedHealth.View> health(String id) {
        return Optional.ofNullable(pollers.get(id)).map(poller -> poller.health().view());
    }

    @Override
    public void start() {
        if (pollers.isEmpty()) {
            running = true;
            return;
        }
        scheduler = new ScheduledThreadPoolExecutor(Math.min(MAX_THREADS, pollers.size()), runnable -> {
            Thread thread = new Thread(runnable, "gtfs-rt-poller");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        pollers.values().forEach(poller -> schedule(poller, Duration.ZERO));
        running = true;
        log.info("Polling {} GTFS-Realtime feed(s): {}", pollers.size(), String.join(", ", pollers.keySet()));
    }

    private void schedule(FeedPoller poller, Duration delay) {
        scheduler.schedule(() -> pollAndReschedule(poller), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollAndReschedule(FeedPoller poller) {
        Duration next = poller.feed().interval();
        try {
            next = poller.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            // A bug must not end the feed's polling: log it, count it as a failure, back off.
            log.error("Feed {}: poll failed unexpectedly", poller.feed().id(), e);
            poller.health().failed("error", e.toString());
            next = FeedPoller.backoff(poller.feed().interval(), poller.feed().maxBackoff(), poller.health().consecutiveFailures());
        }
        if (running && !scheduler.isShutdown()) {
            schedule(poller, next);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producers.destroy();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
