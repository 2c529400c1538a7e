package dev.signalbox.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import dev.signalbox.gateway.testing.SseClient;
import dev.signalbox.gateway.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;

import dev.signalbox.events.Json;
import dev.signalbox.localinfra.testing.TestInfrastructure;

/**
 * A real SSE client against a running gateway on a real broker: events in order with their
 * positions as SSE ids, and a reconnect with {@code Last-Event-ID} that resumes with no gap and no
 * duplicate while events keep flowing.
 */
class SseDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHANNEL = "jobs.board";
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final String LIVE_TOPIC = createTopic(TestInfrastructure.uniqueName("live.jobs"));
    private static final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    private static final AtomicInteger sequence = new AtomicInteger();

    private static TestGateway gateway;
    int port;

    @BeforeAll
    static void startGateway() {
        gateway = TestGateway.start(Map.of("signalbox.gateway.live-topics.jobs", LIVE_TOPIC));
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
    void streamsEventsWithPositionsAsIdsAndResumesFromLastEventId() throws Exception {
        List<Integer> published = new ArrayList<>();
        String lastSeen;
        try (SseClient client = SseClient.connect(uri("latest"), null)) {
            assertThat(client.status(WAIT)).isEqualTo(200);
            SseClient.Event subscribed = client.expect("subscribed", WAIT);
            assertThat(subscribed.id()).isEqualTo(Json.MAPPER.readTree(subscribed.data()).get("position").asString());
            published.addAll(publish(12));
            List<SseClient.Event> events = client.events(12, WAIT);
            assertThat(events).extracting(event -> seq(event)).containsExactlyElementsOf(published);
            assertThat(events).extracting(event -> Json.MAPPER.readTree(event.data()).get("position").asString())
                    .containsExactlyElementsOf(events.stream().map(SseClient.Event::id).toList());
            lastSeen = events.get(6).id();
        }

        published.addAll(publish(20));
        try (SseClient client = SseClient.connect(uri("latest"), lastSeen)) {
            assertThat(client.expect("subscribed", WAIT).id()).isEqualTo(lastSeen);
            published.addAll(publish(20));
            List<Integer> expected = published.subList(7, published.size());
            assertThat(client.events(expected.size(), WAIT)).extracting(event -> seq(event)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aBadChannelIsAnsweredWithAnErrorEvent() throws Exception {
        try (SseClient client = SseClient.connect(uri("latest").resolve("/sse?channel=Not.A.Channel"), null)) {
            SseClient.Event error = client.expect("error", WAIT);
            assertThat(Json.MAPPER.readTree(error.data()).get("code").asString()).isEqualTo("invalid-channel");
        }
    }

    private URI uri(String from) {
        return URI.create("http://localhost:" + port + "/sse?channel=" + CHANNEL + "&from=" + from);
    }

    private static int seq(SseClient.Event event) {
        return Json.MAPPER.readTree(event.data()).get("data").get("seq").asInt();
    }

    private static List<Integer> publish(int count) {
        List<Integer> published = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int seq = sequence.incrementAndGet();
            ProducerRecord<String, String> record = new ProducerRecord<>(LIVE_TOPIC, CHANNEL, "{\"seq\":" + seq + "}");
            record.headers().add("ce_type", "dev.signalbox.jobs.posted".getBytes());
            producer.send(record);
            published.add(seq);
        }
        producer.flush();
        return published;
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
