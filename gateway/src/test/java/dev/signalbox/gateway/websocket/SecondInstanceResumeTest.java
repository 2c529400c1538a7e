package dev.signalbox.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.signalbox.gateway.testing.GatewayInstances;
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
    private static GatewayInstances gateways;

    @BeforeAll
    static void startTwoGateways() throws Exception {
        gateways = GatewayInstances.start(infra, "jobs", 2);
    }

    @AfterAll
    static void stopGateways() {
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void resumesOnAnotherInstanceWithNoGapAndNoDuplicateWhileEventsFlow() throws Exception {
        List<Integer> published = new ArrayList<>();
        String lastSeen;
        try (ProtocolClient client = ProtocolClient.connect(gateways.port(0))) {
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
        try (ProtocolClient client = ProtocolClient.connect(gateways.port(1))) {
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

    /** Each record acknowledged before the next: a steady stream, in order. */
    private static List<Integer> publish(int count) {
        List<Integer> published = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int seq = sequence.incrementAndGet();
            gateways.publish(CHANNEL, "{\"seq\":" + seq + "}", "dev.signalbox.jobs.posted");
            published.add(seq);
        }
        return published;
    }
}
