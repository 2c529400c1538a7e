package dev.signalbox.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.gateway.GatewayApplication;
import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * A client that loses its connection to one gateway instance resumes on another from its last
 * position while events keep flowing: no gap, no duplicate. Two real gateway apps, one real broker,
 * nothing shared between the instances but the topic.
 */
class SecondInstanceResumeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHANNEL = "jobs.board";
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final AtomicInteger sequence = new AtomicInteger();
    private static String liveTopic;
    private static KafkaProducer<String, String> producer;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoGateways() throws Exception {
        liveTopic = TestInfrastructure.uniqueName("live.jobs");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(liveTopic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        first = startGateway();
        second = startGateway();
    }

    @AfterAll
    static void stopGateways() {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, producer}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop " + closeable, e);
                }
            }
        }
    }

    @Test
    void resumesOnAnotherInstanceWithNoGapAndNoDuplicateWhileEventsFlow() throws Exception {
        List<Integer> published = new ArrayList<>();
        String lastSeen;
        try (ProtocolClient client = ProtocolClient.connect(port(first))) {
            client.subscribe(CHANNEL, "\"latest\"");
            client.expect("subscribed", WAIT);
            published.addAll(publish(20));
            List<JsonNode> seen = client.events(20, WAIT);
            lastSeen = seen.get(11).get("position").asString();
            client.abort();
        }

        published.addAll(publish(25));
        CompletableFuture<List<Integer>> whileResuming = CompletableFuture.supplyAsync(() -> {
            List<Integer> steady = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                steady.addAll(publish(1));
            }
            return steady;
        });
        try (ProtocolClient client = ProtocolClient.connect(port(second))) {
            client.subscribe(CHANNEL, "{\"position\":\"" + lastSeen + "\"}");
            assertThat(client.expect("subscribed", WAIT).get("position").asString()).isEqualTo(lastSeen);
            published.addAll(whileResuming.get(60, TimeUnit.SECONDS));

            List<Integer> expected = published.subList(12, published.size());
            List<JsonNode> events = client.events(expected.size(), WAIT);
            assertThat(events).extracting(event -> event.get("data").get("seq").asInt()).containsExactlyElementsOf(expected);
            assertThat(events).extracting(event -> Long.parseLong(event.get("position").asString().split("-")[1]))
                    .isSorted().doesNotHaveDuplicates();
        }
    }

    private static ConfigurableApplicationContext startGateway() {
        return GatewayApplication.builder().run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--signalbox.gateway.live-topics.jobs=" + liveTopic);
    }

    private static int port(ConfigurableApplicationContext gateway) {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    /** Each record acknowledged before the next: a steady stream, in order. */
    private static List<Integer> publish(int count) {
        List<Integer> published = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int seq = sequence.incrementAndGet();
            ProducerRecord<String, String> record = new ProducerRecord<>(liveTopic, CHANNEL, "{\"seq\":" + seq + "}");
            record.headers().add("ce_type", "dev.signalbox.jobs.posted".getBytes());
            try {
                producer.send(record).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not publish", e);
            }
            published.add(seq);
        }
        return published;
    }
}
