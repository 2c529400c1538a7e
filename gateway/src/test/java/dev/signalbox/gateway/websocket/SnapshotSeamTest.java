package dev.signalbox.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import dev.signalbox.gateway.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;

import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * The snapshot seam under concurrent writes, with a real WebSocket client on a running gateway
 * and a real broker: a writer commits, as the processor does, each entity's new state and its live
 * event in one transaction, while a client subscribes with {@code snapshot}. Across the snapshot
 * and the live events that follow, every version of every entity reaches the client exactly once.
 */
class SnapshotSeamTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CHANNEL = "sports.league.1";
    private static final int ENTITIES = 5;
    private static final int TRANSACTIONS = 300;
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final String LIVE_TOPIC = createTopic(TestInfrastructure.uniqueName("live.sports"));
    private static final String STATE_TOPIC = createTopic(TestInfrastructure.uniqueName("state.sports.scoreboards"));
    private static final KafkaProducer<String, String> producer = transactionalProducer();
    private static final Map<String, Integer> versions = new HashMap<>();

    private static TestGateway gateway;
    int port;

    @BeforeAll
    static void startGateway() {
        gateway = TestGateway.start(Map.of("signalbox.gateway.live-topics.jobs", createTopic(TestInfrastructure.uniqueName("live.jobs")),
                "signalbox.gateway.live-topics.sports", LIVE_TOPIC, "signalbox.gateway.state-topics.sports", STATE_TOPIC));
    }

    @BeforeEach
    void gatewayPort() {
        port = gateway.port();
    }

    @AfterAll
    static void stop() {
        producer.close();
        gateway.close();
    }

    @Test
    void everyVersionOfEveryEntityArrivesExactlyOnceAcrossSnapshotAndLive() throws Exception {
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < TRANSACTIONS; i++) {
                commitNextVersion("match-" + (i % ENTITIES));
                written.incrementAndGet();
            }
        });
        await().atMost(WAIT).until(() -> written.get() >= TRANSACTIONS / 3);

        try (ProtocolClient client = ProtocolClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"" + CHANNEL + "\",\"from\":\"snapshot\",\"ref\":\"s1\"}");
            JsonNode snapshot = client.expect("snapshot", WAIT);
            assertThat(snapshot.get("ref").asString()).isEqualTo("s1");
            JsonNode subscribed = client.expect("subscribed", WAIT);
            assertThat(subscribed.get("position").asString()).isEqualTo(snapshot.get("position").asString());
            writer.get(60, TimeUnit.SECONDS);

            Map<String, Long> inSnapshot = new HashMap<>();
            for (JsonNode item : snapshot.get("items")) {
                inSnapshot.put(item.get("entity").asString(), item.get("version").asLong());
                assertThat(item.get("data").get("version").asLong()).isEqualTo(item.get("version").asLong());
            }
            assertThat(inSnapshot).as("the snapshot was taken mid-stream").isNotEmpty();
            int finalVersion = TRANSACTIONS / ENTITIES;
            int expectedEvents = IntStream.range(0, ENTITIES)
                    .map(entity -> finalVersion - inSnapshot.getOrDefault("match-" + entity, 0L).intValue()).sum();

            Map<String, List<Long>> live = new HashMap<>();
            for (JsonNode event : client.events(expectedEvents, WAIT)) {
                live.computeIfAbsent(event.get("data").get("entity").asString(), entity -> new ArrayList<>())
                        .add(event.get("data").get("version").asLong());
            }
            for (int entity = 0; entity < ENTITIES; entity++) {
                String name = "match-" + entity;
                long fromSnapshot = inSnapshot.getOrDefault(name, 0L);
                List<Long> expected = fromSnapshot == finalVersion ? List.of()
                        : java.util.stream.LongStream.rangeClosed(fromSnapshot + 1, finalVersion).boxed().toList();
                assertThat(live.getOrDefault(name, List.of())).as(name + " after its snapshot version " + fromSnapshot)
                        .containsExactlyElementsOf(expected);
            }
            // Nothing more is on its way: the next event is the next write, not a late duplicate.
            commitNextVersion("match-0");
            JsonNode next = client.expect("event", WAIT);
            assertThat(next.get("data").get("entity").asString()).isEqualTo("match-0");
            assertThat(next.get("data").get("version").asLong()).isEqualTo(finalVersion + 1);
        }
    }

    @Test
    void aWildcardsSnapshotHoldsEveryChannelItCoversAndLiveEventsFollowOnEach() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 6; i++) {
                commitNextVersion("wm-" + i, "sports.match.wm-" + i);
            }
        }
        commitNextVersion("not-a-match", "sports.league.9");

        try (ProtocolClient client = ProtocolClient.connect(port)) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"sports.match.*\",\"from\":\"snapshot\"}");
            JsonNode snapshot = client.expect("snapshot", WAIT);
            Map<String, Long> inSnapshot = new HashMap<>();
            snapshot.get("items").forEach(item -> inSnapshot.put(item.get("entity").asString(), item.get("version").asLong()));
            assertThat(inSnapshot).containsOnlyKeys(IntStream.range(0, 6).mapToObj(i -> "wm-" + i).toArray(String[]::new))
                    .allSatisfy((entity, version) -> assertThat(version).isEqualTo(3));
            assertThat(dev.signalbox.events.Position.parseAll(snapshot.get("position").asString())).hasSize(3);
            assertThat(client.expect("subscribed", WAIT).get("position").asString()).isEqualTo(snapshot.get("position").asString());

            commitNextVersion("wm-4", "sports.match.wm-4");
            JsonNode next = client.expect("event", WAIT);
            assertThat(next.get("channel").asString()).isEqualTo("sports.match.wm-4");
            assertThat(next.get("data").get("version").asLong()).isEqualTo(4);
        }
    }

    private static void commitNextVersion(String entity) {
        commitNextVersion(entity, CHANNEL);
    }

    /** One entity's next version: its state record and its live event on {@code channel}, committed together. */
    private static synchronized void commitNextVersion(String entity, String channel) {
        int version = versions.merge(entity, 1, Integer::sum);
        String data = "{\"entity\":\"" + entity + "\",\"version\":" + version + "}";
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(STATE_TOPIC, entity, "{\"entity\":\"" + entity + "\",\"channels\":[\"" + channel + "\"],\"version\":"
                + version + ",\"updatedAt\":\"2026-11-24T12:00:00Z\",\"data\":" + data + "}"));
        ProducerRecord<String, String> event = new ProducerRecord<>(LIVE_TOPIC, channel, data);
        event.headers().add("ce_type", "dev.signalbox.sports.scoreboard".getBytes(StandardCharsets.UTF_8));
        event.headers().add("ce_subject", entity.getBytes(StandardCharsets.UTF_8));
        event.headers().add("ce_entityversion", Integer.toString(version).getBytes(StandardCharsets.UTF_8));
        producer.send(event);
        producer.commitTransaction();
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        KafkaProducer<String, String> transactional = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "snapshot-seam-" + UUID.randomUUID()));
        transactional.initTransactions();
        return transactional;
    }

    private static String createTopic(String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
    }
}
