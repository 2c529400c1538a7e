package dev.signalbox.processor;

import static dev.signalbox.processor.testing.Changes.change;
import static dev.signalbox.processor.testing.Changes.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import dev.signalbox.events.Json;
import dev.signalbox.events.Topics;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import dev.signalbox.localinfra.testing.TopicReader;
import dev.signalbox.processor.jobs.JobsTopology;
import dev.signalbox.processor.sports.SportsTopology;
import dev.signalbox.processor.transit.TransitFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The processor app as it runs in production (every topology, exactly-once, topics created at
 * start-up) on a real broker: Debezium-shaped changes written to each domain's raw topics come out
 * on its live and state topics with CloudEvents headers; transit feed entities meet the captured
 * GTFS schedule.
 */
class ProcessorIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final long COMMITTED = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
    private static ConfigurableApplicationContext app;
    private static KafkaProducer<String, byte[]> producer;
    private static ProcessorProperties topics;
    private static final AtomicInteger delay = new AtomicInteger();

    @BeforeAll
    static void startProcessor(@TempDir Path stateDirectory) {
        String run = TestInfrastructure.uniqueName("processor");
        topics = new ProcessorProperties(run + "_cdc", "public", run + ".", run + ".", 3, Duration.ofDays(7), Duration.ofDays(14),
                ProcessorProperties.Transit.defaults());
        app = ProcessorApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.kafka.streams.application-id=" + run,
                "--spring.kafka.streams.state-dir=" + stateDirectory,
                "--server.port=0",
                "--signalbox.processor.cdc-prefix=" + topics.cdcPrefix(),
                "--signalbox.processor.feed-prefix=" + topics.feedPrefix(),
                "--signalbox.processor.output-prefix=" + topics.outputPrefix());
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    @AfterAll
    static void stopProcessor() {
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theStreamsRunWithTheSettingsOfSignalboxProcessorYml() {
        // Dotted keys under spring.kafka.streams.properties must reach Kafka Streams as they are.
        var streams = app.getBean(StreamsBuilderFactoryBean.class).getStreamsConfiguration();
        assertThat(streams).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("commit.interval.ms", "10")
                .containsEntry("producer.retry.backoff.ms", "2")
                .containsEntry("max.task.idle.ms", "-1");
    }

    @Test
    void jobsFromCapturedRowsToTheBoardTheCompanyAndTheUsersChannels() throws Exception {
        send("companies", key(3), change("companies", "r", null, "{\"id\":3,\"name\":\"Acme Rail\"}", 10, COMMITTED));
        awaitGlobalRow(JobsTopology.COMPANIES_STORE, key(3));
        send("job_postings", key(1), change("job_postings", "c", null,
                "{\"id\":1,\"company_id\":3,\"title\":\"Signal Engineer\",\"location\":\"Leeds\",\"status\":\"OPEN\"}", 20, COMMITTED));
        send("job_applications", key(9), change("job_applications", "c", null,
                "{\"id\":9,\"posting_id\":1,\"user_id\":\"u-7\",\"status\":\"SUBMITTED\",\"note\":null}", 30, COMMITTED));

        List<ConsumerRecord<String, String>> live = read(Topics.LIVE_JOBS, 3);
        assertThat(live).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("jobs.board", "jobs.company.3", "jobs.user.u-7");
        JsonNode posted = json(live.stream().filter(record -> record.key().equals("jobs.board")).findFirst().orElseThrow());
        assertThat(posted.get("companyName").asString()).isEqualTo("Acme Rail");
        assertThat(live).allSatisfy(record -> assertThat(record.headers().lastHeader("ce_id")).isNotNull());
        assertThat(read(Topics.STATE_JOBS_POSTINGS, 1)).extracting(ConsumerRecord::key).containsExactly("posting-1");
    }

    @Test
    void notificationsFromCapturedRowsToTheirAudience() throws Exception {
        send("notifications", key(1), change("notifications", "c", null, "{\"id\":1,\"audience\":\"USER\",\"user_id\":\"u-7\","
                + "\"title\":\"Interview booked\",\"body\":null,\"link\":null,\"severity\":\"INFO\",\"created_at\":\"2026-11-24T12:00:00Z\"}",
                40, COMMITTED));
        send("notifications", key(2), "garbage");
        send("notifications", key(3), change("notifications", "c", null, "{\"id\":3,\"audience\":\"EVERYONE\",\"user_id\":null,"
                + "\"title\":\"Welcome\",\"body\":null,\"link\":null,\"severity\":\"INFO\",\"created_at\":\"2026-11-24T12:00:00Z\"}",
                41, COMMITTED));

        assertThat(read(Topics.LIVE_NOTIFICATIONS, 2)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("notifications.user.u-7", "notifications.all");
        try (TopicReader<String> deadLetters = TopicReader.of(infra.kafkaBootstrapServers(), topics.deadLetterTopic())) {
            assertThat(deadLetters.readUntil(records -> records.stream().anyMatch(record -> "garbage".equals(record.value())), WAIT))
                    .anySatisfy(record -> assertThat(new String(record.headers().lastHeader("signalbox.source.topic").value(), StandardCharsets.UTF_8))
                            .isEqualTo(topics.cdcTopic("notifications")));
        }
    }

    @Test
    void sportsFromCapturedRowsToTheMatchAndLeagueChannels() throws Exception {
        send("teams", key(10), change("teams", "r", null, "{\"id\":10,\"league_id\":1,\"name\":\"Rovers\"}", 50, COMMITTED));
        send("teams", key(11), change("teams", "r", null, "{\"id\":11,\"league_id\":1,\"name\":\"United\"}", 51, COMMITTED));
        awaitGlobalRow(SportsTopology.TEAMS_STORE, key(10));
        awaitGlobalRow(SportsTopology.TEAMS_STORE, key(11));
        send("matches", key(5), change("matches", "c", null, "{\"id\":5,\"league_id\":1,\"home_team_id\":10,\"away_team_id\":11,"
                + "\"starts_at\":\"2026-11-24T19:00:00Z\",\"status\":\"IN_PLAY\",\"home_score\":1,\"away_score\":0,\"period\":1,"
                + "\"clock_seconds\":600}", 60, COMMITTED));
        send("match_events", key(70), change("match_events", "c", null,
                "{\"id\":70,\"match_id\":5,\"type\":\"GOAL\",\"minute\":10,\"team_id\":10,\"player\":\"Ito\",\"detail\":null}", 61, COMMITTED));

        List<ConsumerRecord<String, String>> live = read(Topics.LIVE_SPORTS, 3);
        assertThat(live).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("sports.match.5", "sports.league.1", "sports.match.5");
        JsonNode goal = json(live.stream().filter(record -> json(record).get("kind").asString().equals("MOMENT_ADDED")).findFirst().orElseThrow());
        assertThat(goal.get("scoreboard").get("home").get("name").asString()).isEqualTo("Rovers");
        assertThat(goal.get("scoreboard").get("home").get("score").asInt()).isEqualTo(1);
        assertThat(read(Topics.STATE_SPORTS_SCOREBOARDS, 2)).extracting(ConsumerRecord::key).containsOnly("match-5");
    }

    @Test
    void transitFromFeedEntitiesJoinedWithTheCapturedScheduleToStopAndRouteChannels() throws Exception {
        TransitFixtures.schedule(topics, (topic, key, value) -> sendTo(topic, key, value));
        Instant header = Instant.parse("2026-11-24T06:58:00Z");
        // The global stores load the schedule on their own thread: until they hold it, a vehicle
        // has no route and a prediction no names. Feed polls repeat, so keep polling until they do.
        await().atMost(WAIT).untilAsserted(() -> {
            int poll = delay.addAndGet(60);
            sendTo(topics.feedTopic(Topics.FEED_VEHICLE_POSITIONS), "metro:v-bus-7", TransitFixtures.entity("v-bus-7", header, false,
                    TransitFixtures.vehicle("bus-7", "T1", 52.52 + poll / 60 * 0.001, 13.40, "S1")));
            sendTo(topics.feedTopic(Topics.FEED_TRIP_UPDATES), "metro:tu-1", TransitFixtures.entity("tu-1", header, false,
                    TransitFixtures.tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":" + poll + "}}")));
            List<ConsumerRecord<String, String>> live = read(Topics.LIVE_TRANSIT, 2);
            assertThat(live).extracting(ConsumerRecord::key).contains("transit.route.metro_3a42", "transit.stop.metro_3a_531");
            List<ConsumerRecord<String, String>> predictions = live.stream()
                    .filter(record -> record.key().equals("transit.stop.metro_3a_531")).toList();
            assertThat(json(predictions.get(predictions.size() - 1)).get("stopName").asString()).isEqualTo("Main St");
        });
        assertThat(read(Topics.STATE_TRANSIT_VEHICLES, 1)).extracting(ConsumerRecord::key).contains("vehicle-metro:bus-7");
        assertThat(read(Topics.STATE_TRANSIT_ROUTES, 1)).extracting(ConsumerRecord::key).contains("route-metro:42");
    }

    private static void sendTo(String topic, String key, String value) {
        sendTo(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendTo(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write the test record to " + topic, e);
        }
    }

    /**
     * Waits until a global table holds the row. Global tables load on a thread of their own, in no
     * order with the stream threads that look them up: a row sent just before the change that needs
     * it may not be there yet.
     */
    private static void awaitGlobalRow(String store, String key) {
        KafkaStreams streams = app.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        // Ignored: a store not yet queryable while the streams start or rebalance.
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, String>keyValueStore())).get(key) != null);
    }

    private static void send(String table, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topics.cdcTopic(table), key, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    private static List<ConsumerRecord<String, String>> read(String registryTopic, int count) {
        try (TopicReader<String> reader = TopicReader.of(infra.kafkaBootstrapServers(), topics.outputTopic(registryTopic))) {
            return reader.readAtLeast(count, WAIT);
        }
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        return Json.MAPPER.readTree(record.value());
    }
}
