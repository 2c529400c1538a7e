package dev.signalbox.ingest.realtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;

import dev.signalbox.ingest.IngestProperties;
import dev.signalbox.ingest.IsolatedIngest;
import dev.signalbox.ingest.fixtures.TransitFixtures;
import dev.signalbox.localinfra.testing.BenchmarkMachine;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Benchmark, not a test: one poll of a 10,000-entity trip-update feed, from the start of the fetch
 * until Kafka has acknowledged every published entity — fetched over loopback HTTP, parsed,
 * validated against a schedule that knows all 10,000 trips, compared with the last poll, written.
 * The feed is the real MBTA fixture's entities repeated under 10,000 trip ids. Three cases: every
 * entity changed since the last poll (the worst case), none changed (a new header only), and a
 * 304. Uses the ingest app's own Kafka producer settings, on the tests' real broker.
 * Run it with {@code bench/feeds.sh}.
 */
public final class FeedPollBenchmark {

    private static final int ENTITIES = 10_000;
    private static final int WARM_UP_POLLS = 30;
    private static final int MEASURED_POLLS = 40;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results/feeds.txt");
        TestInfrastructure infra = TestInfrastructure.shared();
        String prefix = TestInfrastructure.uniqueName("bench");
        Map<String, Object> settings = IsolatedIngest.settings(infra, infra.newDatabase("feed_bench"), prefix);
        settings.put("signalbox.ingest.cdc.enabled", false);
        settings.put("signalbox.ingest.transit.trip-updates-topic", prefix + ".trip-updates");
        settings.put("signalbox.ingest.transit.dead-letter-topic", prefix + ".dlq");
        List<String> lines = new ArrayList<>();
        lines.add("# feed poll benchmark " + Instant.now() + " on " + BenchmarkMachine.describe() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", infrastructure: " + infra.kind());
        lines.add("# " + ENTITIES + "-entity trip-update feed; per round " + WARM_UP_POLLS + " polls unmeasured, then " + MEASURED_POLLS + " of each case");
        lines.add("# round case p50_ms p90_ms max_ms entities_published_per_poll feed_bytes");
        try (ConfigurableApplicationContext ingest = IsolatedIngest.run(settings); FeedServer server = new FeedServer()) {
            IngestProperties properties = ingest.getBean(IngestProperties.class);
            DefaultKafkaProducerFactory<String, byte[]> producers = RealtimeFeeds.producerFactory(ingest.getBean(KafkaProperties.class));
            try {
                FeedPublisher publisher = new FeedPublisher(producers.createProducer(), properties.transit());
                Synthetic feed = Synthetic.build();
                for (int round = 1; round <= rounds; round++) {
                    IngestProperties.RealtimeFeed settingsOfFeed = new IngestProperties.RealtimeFeed("bench-" + round, "bench", server.uri("/feed-" + round),
                            Map.of(), Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMinutes(5),
                            Set.of(IngestProperties.EntityType.TRIP_UPDATES), org.springframework.util.unit.DataSize.ofMegabytes(64), Duration.ofMinutes(5));
                    FeedHealth health = new FeedHealth(settingsOfFeed, Clock.systemUTC(), new SimpleMeterRegistry());
                    FeedPoller poller = new FeedPoller(settingsOfFeed, new FeedFetcher(settingsOfFeed, FeedFetcher.newClient(), () -> server.uri("/")), publisher,
                            id -> feed.schedule(), health, Clock.systemUTC());
                    String path = "/feed-" + round;
                    long header = Instant.now().getEpochSecond() - 3600;
                    for (int poll = 0; poll < WARM_UP_POLLS; poll++) {
                        server.answer(path, FeedServer.Answer.feed(feed.at(header++, poll).toByteArray(), null));
                        poller.poll();
                    }
                    // Every body is built before the clock starts, so building them costs the measured polls nothing.
                    List<byte[]> changedBodies = new ArrayList<>();
                    for (int poll = 0; poll < MEASURED_POLLS; poll++) {
                        changedBodies.add(feed.at(header++, WARM_UP_POLLS + poll).toByteArray());
                    }
                    int last = WARM_UP_POLLS + MEASURED_POLLS - 1;
                    List<byte[]> unchangedBodies = new ArrayList<>();
                    for (int poll = 0; poll < MEASURED_POLLS; poll++) {
                        unchangedBodies.add(feed.at(header++, last).toByteArray());
                    }
                    System.gc();
                    List<Double> changed = new ArrayList<>();
                    List<Double> unchanged = new ArrayList<>();
                    List<Double> notModified = new ArrayList<>();
                    long publishedBefore = health.view().published();
                    for (byte[] body : changedBodies) {
                        server.answer(path, FeedServer.Answer.feed(body, null));
                        changed.add(timed(poller));
                    }
                    long publishedPerPoll = (health.view().published() - publishedBefore) / MEASURED_POLLS;
                    for (byte[] body : unchangedBodies) {
                        server.answer(path, FeedServer.Answer.feed(body, null));
                        unchanged.add(timed(poller));
                    }
                    int bytes = changedBodies.get(0).length;
                    changedBodies.clear();
                    unchangedBodies.clear();
                    server.answer(path, FeedServer.Answer.feed(feed.at(header, last).toByteArray(), "\"fixed\""));
                    poller.poll();
                    for (int poll = 0; poll < MEASURED_POLLS; poll++) {
                        notModified.add(timed(poller));
                    }
                    if (health.view().consecutiveFailures() > 0 || health.view().deadLettered() > 0) {
                        throw new IllegalStateException("the benchmark feed failed or was rejected: " + health.view());
                    }
                    lines.add(round + " all-changed " + summary(changed) + " " + publishedPerPoll + " " + bytes);
                    lines.add(round + " none-changed " + summary(unchanged) + " 0 " + bytes);
                    lines.add(round + " not-modified " + summary(notModified) + " 0 0");
                    System.out.println(lines.get(lines.size() - 3) + "\n" + lines.get(lines.size() - 2) + "\n" + lines.get(lines.size() - 1));
                }
            } finally {
                producers.destroy();
            }
        }
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.write(results, lines);
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static double timed(FeedPoller poller) throws InterruptedException {
        long start = System.nanoTime();
        poller.poll();
        return (System.nanoTime() - start) / 1e6;
    }

    private static String summary(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format("%.1f %.1f %.1f", sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1), sorted.get(sorted.size() - 1));
    }

    /** The fixture's trip updates repeated under {@link #ENTITIES} trip ids; poll n shifts every prediction by n seconds. */
    private record Synthetic(List<FeedEntity> templates, FeedMessage header, StaticFeedIndex schedule) {

        static Synthetic build() {
            FeedMessage fixture = TransitFixtures.realtime("trip-updates.textproto");
            List<FeedEntity> templates = fixture.getEntityList().stream().filter(FeedEntity::hasTripUpdate).toList();
            Map<String, String> trips = new HashMap<>();
            Set<String> stops = new HashSet<>();
            for (int i = 0; i < ENTITIES; i++) {
                trips.put("trip-" + i, "route-" + (i % 200));
            }
            templates.forEach(entity -> entity.getTripUpdate().getStopTimeUpdateList().forEach(update -> stops.add(update.getStopId())));
            return new Synthetic(templates, fixture, StaticFeedIndex.of(trips, stops, 41.0, 43.5, -72.5, -70.0));
        }

        FeedMessage at(long headerTime, int poll) {
            FeedMessage.Builder message = FeedMessage.newBuilder().setHeader(header.getHeader().toBuilder().setTimestamp(headerTime));
            for (int i = 0; i < ENTITIES; i++) {
                FeedEntity template = templates.get(i % templates.size());
                TripUpdate.Builder update = template.getTripUpdate().toBuilder();
                update.getTripBuilder().setTripId("trip-" + i).setRouteId("route-" + (i % 200))
                        .setScheduleRelationship(com.google.transit.realtime.GtfsRealtime.TripDescriptor.ScheduleRelationship.SCHEDULED);
                for (TripUpdate.StopTimeUpdate.Builder stopTime : update.getStopTimeUpdateBuilderList()) {
                    if (stopTime.hasArrival()) {
                        stopTime.getArrivalBuilder().setTime(stopTime.getArrival().getTime() + poll);
                    }
                    if (stopTime.hasDeparture()) {
                        stopTime.getDepartureBuilder().setTime(stopTime.getDeparture().getTime() + poll);
                    }
                }
                message.addEntity(FeedEntity.newBuilder().setId("entity-" + i).setTripUpdate(update));
            }
            return message.build();
        }
    }
}
