package dev.signalbox.ingest.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;

import dev.signalbox.events.Json;
import dev.signalbox.ingest.IsolatedIngest;
import dev.signalbox.ingest.fixtures.TransitFixtures;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import dev.signalbox.localinfra.testing.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * GTFS-Realtime polling on a real Kafka broker: ingest polls feed servers on loopback that serve the
 * real fixture feeds (and feeds derived from them, and failures), and the test reads what reached
 * the feed topics, the dead-letter topic and the feed health endpoint.
 */
class RealtimePollingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final String database = infra.newDatabase("realtime");
    private static final String prefix = TestInfrastructure.uniqueName("rt");
    private static final String TRIP_UPDATES = prefix + ".trip-updates";
    private static final String VEHICLES = prefix + ".vehicle-positions";
    private static final String ALERTS = prefix + ".alerts";
    private static final String DEAD_LETTERS = prefix + ".dlq";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static FeedServer server;
    private static ConfigurableApplicationContext ingest;
    private static int port;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startIngest() throws Exception {
        server = new FeedServer();
        server.answer("/mbta/trip-updates", FeedServer.Answer.feed(TransitFixtures.realtime("trip-updates.textproto").toByteArray(), "\"tu-1\""));
        server.answer("/mbta/vehicles", FeedServer.Answer.feed(TransitFixtures.realtime("vehicle-positions.textproto").toByteArray(), "\"vp-1\""));
        server.answer("/mbta/alerts", FeedServer.Answer.feed(TransitFixtures.realtime("alerts.textproto").toByteArray(), "\"al-1\""));
        Map<String, Object> settings = IsolatedIngest.settings(infra, database, prefix);
        settings.put("signalbox.ingest.cdc.enabled", false);
        settings.put("signalbox.ingest.transit.trip-updates-topic", TRIP_UPDATES);
        settings.put("signalbox.ingest.transit.vehicle-positions-topic", VEHICLES);
        settings.put("signalbox.ingest.transit.alerts-topic", ALERTS);
        settings.put("signalbox.ingest.transit.dead-letter-topic", DEAD_LETTERS);
        List<String[]> feeds = List.of(new String[] {"mbta-trips", "mbta", "/mbta/trip-updates"}, new String[] {"mbta-vehicles", "mbta", "/mbta/vehicles"},
                new String[] {"mbta-alerts", "mbta", "/mbta/alerts"}, new String[] {"fleet", "fleet", "/fleet"},
                new String[] {"checked", "sample", "/checked"}, new String[] {"flaky", "flaky", "/flaky"});
        for (int i = 0; i < feeds.size(); i++) {
            String feed = "signalbox.ingest.transit.realtime[" + i + "].";
            settings.put(feed + "id", feeds.get(i)[0]);
            settings.put(feed + "feed-id", feeds.get(i)[1]);
            settings.put(feed + "url", server.uri(feeds.get(i)[2]));
            settings.put(feed + "interval", "300ms");
            // Short for the feed that hangs on purpose; room for a loaded machine's stalls for the others,
            // whose health must show no failure.
            settings.put(feed + "timeout", feeds.get(i)[0].equals("flaky") ? "1s" : "10s");
            settings.put(feed + "max-backoff", "1s");
        }
        ingest = IsolatedIngest.run(settings);
        port = Integer.parseInt(ingest.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyEntityOfTheRealFeedsReachesItsTopicKeyedByFeedAndEntity() throws Exception {
        expectAllPublished(TRIP_UPDATES, TransitFixtures.realtime("trip-updates.textproto"));
        expectAllPublished(VEHICLES, TransitFixtures.realtime("vehicle-positions.textproto"));
        expectAllPublished(ALERTS, TransitFixtures.realtime("alerts.textproto"));

        JsonNode health = await().atMost(WAIT).until(() -> health("mbta-vehicles"), view -> view.get("notModified").asLong() > 0);
        assertThat(health.get("entities").get("vehicle-positions").asInt()).isEqualTo(TransitFixtures.realtime("vehicle-positions.textproto").getEntityCount());
        assertThat(health.get("consecutiveFailures").asInt()).isZero();
        // The fixtures were recorded in 2017: every fetch of them counts as stale, and flows on.
        assertThat(health.get("ruleHits").get("W008").asLong()).isPositive();
    }

    private static void expectAllPublished(String topic, FeedMessage fixture) {
        Set<String> keys = fixture.getEntityList().stream().map(entity -> "mbta:" + entity.getId()).collect(Collectors.toSet());
        try (TopicReader<byte[]> reader = TopicReader.ofBytes(infra.kafkaBootstrapServers(), topic)) {
            List<ConsumerRecord<String, byte[]>> read = reader.readUntil(records -> keys(records, "mbta:").containsAll(keys), WAIT);
            for (FeedEntity entity : fixture.getEntityList()) {
                ConsumerRecord<String, byte[]> published = read.stream().filter(r -> r.key().equals("mbta:" + entity.getId())).findFirst().orElseThrow();
                dev.signalbox.events.transit.FeedEntity record = dev.signalbox.events.transit.FeedEntity.read(published.key(), published.value());
                assertThat(record.feedId()).isEqualTo("mbta");
                assertThat(record.entityId()).isEqualTo(entity.getId());
                assertThat(record.headerTime()).isEqualTo(Instant.ofEpochSecond(fixture.getHeader().getTimestamp()));
                assertThat(record.removed()).isFalse();
                assertThat(record.entity()).as(topic + ": the entity as the feed sent it").isEqualTo(entity);
                assertThat(header(published, dev.signalbox.events.transit.FeedEntity.CONTENT_TYPE_HEADER))
                        .isEqualTo(dev.signalbox.events.transit.FeedEntity.CONTENT_TYPE);
            }
            // Every entity once: the unchanged feed answers 304 and nothing is published twice.
            assertThat(read.stream().filter(r -> r.key().startsWith("mbta:")).count()).isEqualTo(keys.size());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aVehicleThatVanishesFromAFullDatasetIsRemovedAndUnchangedOnesAreNotRepublished() {
        FeedMessage fleet = TransitFixtures.realtime("vehicle-positions.textproto");
        long header = Instant.now().getEpochSecond();
        server.answer("/fleet", FeedServer.Answer.feed(withHeader(fleet, header).toByteArray(), null));
        try (TopicReader<byte[]> reader = TopicReader.ofBytes(infra.kafkaBootstrapServers(), VEHICLES)) {
            reader.readUntil(records -> keys(records, "fleet:").size() == fleet.getEntityCount(), WAIT);

            FeedEntity vanished = fleet.getEntity(3);
            FeedMessage.Builder without = withHeader(fleet, header + 30).toBuilder().removeEntity(3);
            server.answer("/fleet", FeedServer.Answer.feed(without.build().toByteArray(), null));
            List<ConsumerRecord<String, byte[]>> read = reader.readUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals("fleet:" + vanished.getId()) && read(r).removed()), WAIT);

            dev.signalbox.events.transit.FeedEntity removal = read.stream().filter(r -> r.key().equals("fleet:" + vanished.getId()) && read(r).removed())
                    .map(RealtimePollingTest::read).findFirst().orElseThrow();
            assertThat(removal.entity().getVehicle()).as("what was last published of it").isEqualTo(vanished.getVehicle());
            assertThat(removal.headerTime()).isEqualTo(Instant.ofEpochSecond(header + 30));
            assertThat(read.stream().filter(r -> r.key().startsWith("fleet:")).count())
                    .as("the first fetch whole, then the removal only: the others did not change")
                    .isEqualTo(fleet.getEntityCount() + 1);
        }
    }

    @Test
    void corruptStaleUnknownAndDisorderedInputIsCountedUnderItsRuleWhileTheFeedFlows() throws Exception {
        importSampleSchedule();
        FeedMessage mbta = TransitFixtures.realtime("trip-updates.textproto");
        List<FeedEntity> sources = mbta.getEntityList().stream().filter(e -> e.getTripUpdate().getStopTimeUpdateCount() >= 2).limit(3).toList();
        FeedEntity known = retrip(sources.get(0), "AB1", "AB");
        FeedEntity unknown = retrip(sources.get(1), "NO_SUCH_TRIP", null);
        FeedEntity disordered = reversed(retrip(sources.get(2), "STBA", "STBA"));
        long now = Instant.now().getEpochSecond();
        byte[] good = feed(now, known, unknown, disordered).toByteArray();

        // A body cut off mid-message, as a dropped connection leaves it.
        server.answer("/checked", FeedServer.Answer.feed(Arrays.copyOf(good, good.length / 2), null));
        await().atMost(WAIT).until(() -> ruleHits("checked", "unreadable") > 0);

        server.answer("/checked", FeedServer.Answer.feed(good, null));
        try (TopicReader<byte[]> updates = TopicReader.ofBytes(infra.kafkaBootstrapServers(), TRIP_UPDATES);
             TopicReader<String> deadLetters = TopicReader.of(infra.kafkaBootstrapServers(), DEAD_LETTERS)) {
            updates.readUntil(records -> keys(records, "sample:").contains("sample:" + known.getId()), WAIT);
            List<ConsumerRecord<String, String>> rejected = deadLetters.readUntil(records ->
                    rules(records, "sample").containsAll(List.of("unreadable", "E003", "E002")), WAIT);
            assertThat(rejected).filteredOn(r -> "E003".equals(header(r, "signalbox.rule")))
                    .extracting(ConsumerRecord::key).contains("sample:" + unknown.getId());
            assertThat(rejected).filteredOn(r -> "E002".equals(header(r, "signalbox.rule")))
                    .extracting(ConsumerRecord::key).contains("sample:" + disordered.getId());
            assertThat(header(rejected.stream().filter(r -> "unreadable".equals(header(r, "signalbox.rule"))).findFirst().orElseThrow(), "signalbox.error"))
                    .startsWith("the body is not a GTFS-Realtime FeedMessage");

            // An older copy of the feed (as a lagging server behind a load balancer serves it) is refused whole.
            server.answer("/checked", FeedServer.Answer.feed(feed(now - 60, known).toByteArray(), null));
            deadLetters.readUntil(records -> rules(records, "sample").contains("E018"), WAIT);

            // And the feed flows on: a newer fetch with a changed entity is published.
            FeedEntity moved = known.toBuilder().setTripUpdate(known.getTripUpdate().toBuilder().setDelay(240)).build();
            server.answer("/checked", FeedServer.Answer.feed(feed(now + 30, moved, unknown, disordered).toByteArray(), null));
            updates.readUntil(records -> records.stream().anyMatch(r -> r.key().equals("sample:" + known.getId())
                    && read(r).entity().getTripUpdate().getDelay() == 240), WAIT);
        }
        JsonNode health = health("checked");
        assertThat(health.get("ruleHits").get("E003").asLong()).isPositive();
        assertThat(health.get("ruleHits").get("E002").asLong()).isPositive();
        assertThat(health.get("ruleHits").get("E018").asLong()).isPositive();
        assertThat(health.get("ruleHits").get("unreadable").asLong()).isPositive();
        assertThat(health.get("deadLettered").asLong()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aFailingServerIsRetriedWithBackoffAndTheOtherFeedsNeverNotice() throws Exception {
        server.answer("/flaky", FeedServer.Answer.status(500));
        await().atMost(WAIT).until(() -> health("flaky"), view -> view.get("lastError").asString("").equals("answered HTTP 500")
                && view.get("consecutiveFailures").asInt() >= 2);

        server.answer("/flaky", FeedServer.Answer.htmlPage());
        await().atMost(WAIT).until(() -> health("flaky"), view -> view.get("lastError").asString("").contains("HTML page"));

        long otherFetchesBefore = health("mbta-trips").get("fetches").asLong();
        server.answer("/flaky", FeedServer.Answer.hang());
        await().atMost(WAIT).until(() -> health("flaky"), view -> view.get("lastError").asString("").equals("no answer within PT1S"));
        // The hang stays in place: another feed polls on at its own interval while this one hangs.
        await().atMost(WAIT).until(() -> health("mbta-trips").get("fetches").asLong() > otherFetchesBefore + 2);
        assertThat(health("flaky").get("lastError").asString("")).as("still hanging").isEqualTo("no answer within PT1S");
        assertThat(health("mbta-trips").get("consecutiveFailures").asInt()).isZero();

        FeedMessage recovered = withHeader(TransitFixtures.realtime("trip-updates.textproto"), Instant.now().getEpochSecond());
        server.answer("/flaky", FeedServer.Answer.feed(recovered.toByteArray(), "\"flaky-1\""));
        JsonNode healthy = await().atMost(WAIT).until(() -> health("flaky"), view -> view.get("notModified").asLong() > 0);
        assertThat(healthy.get("consecutiveFailures").asInt()).isZero();
        assertThat(healthy.get("published").asLong()).isEqualTo(recovered.getEntityCount());
        String prometheus = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(prometheus).contains("signalbox_feed_fetches_total{feed=\"flaky\",outcome=\"http-500\"}")
                .contains("signalbox_feed_fetches_total{feed=\"flaky\",outcome=\"timeout\"}")
                .contains("signalbox_feed_fetches_total{feed=\"flaky\",outcome=\"html\"}")
                .contains("signalbox_feed_age_seconds{feed=\"mbta-trips\"}")
                .contains("signalbox_feed_rule_hits_total{feed=\"mbta-trips\",rule=\"W008\"}");
    }

    private static void importSampleSchedule() throws Exception {
        Path zip = TransitFixtures.sampleFeedZip(temp);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(uri("/api/transit/schedules/sample/imports"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofFile(zip)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        await().atMost(WAIT).until(() -> Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(uri(location)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("state").asString(), state -> state.equals("succeeded"));
    }

    private static FeedEntity retrip(FeedEntity entity, String tripId, String routeId) {
        TripDescriptor.Builder trip = entity.getTripUpdate().getTrip().toBuilder().setTripId(tripId)
                .setScheduleRelationship(TripDescriptor.ScheduleRelationship.SCHEDULED);
        if (routeId == null) {
            trip.clearRouteId();
        } else {
            trip.setRouteId(routeId);
        }
        return entity.toBuilder().setTripUpdate(entity.getTripUpdate().toBuilder().setTrip(trip)).build();
    }

    private static FeedEntity reversed(FeedEntity entity) {
        List<TripUpdate.StopTimeUpdate> updates = new ArrayList<>(entity.getTripUpdate().getStopTimeUpdateList());
        Collections.reverse(updates);
        return entity.toBuilder().setTripUpdate(entity.getTripUpdate().toBuilder().clearStopTimeUpdate().addAllStopTimeUpdate(updates)).build();
    }

    private static FeedMessage feed(long header, FeedEntity... entities) {
        FeedMessage fixture = TransitFixtures.realtime("trip-updates.textproto");
        return withHeader(fixture, header).toBuilder().clearEntity().addAllEntity(List.of(entities)).build();
    }

    private static FeedMessage withHeader(FeedMessage message, long timestamp) {
        return message.toBuilder().setHeader(message.getHeader().toBuilder().setTimestamp(timestamp)).build();
    }

    private static dev.signalbox.events.transit.FeedEntity read(ConsumerRecord<String, byte[]> record) {
        return dev.signalbox.events.transit.FeedEntity.read(record.key(), record.value());
    }

    private static <V> Set<String> keys(List<ConsumerRecord<String, V>> records, String keyPrefix) {
        return records.stream().map(ConsumerRecord::key).filter(key -> key != null && key.startsWith(keyPrefix)).collect(Collectors.toSet());
    }

    private static Set<String> rules(List<ConsumerRecord<String, String>> records, String feedId) {
        return records.stream().filter(r -> r.key().equals(feedId) || r.key().startsWith(feedId + ":"))
                .map(r -> header(r, "signalbox.rule")).collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<String, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long ruleHits(String feed, String rule) throws Exception {
        return health(feed).path("ruleHits").path(rule).asLong(0);
    }

    private static JsonNode health(String feed) throws Exception {
        return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(uri("/api/transit/feeds/" + feed)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
