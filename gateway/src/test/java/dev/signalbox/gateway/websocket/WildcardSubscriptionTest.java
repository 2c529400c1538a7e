package dev.signalbox.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.signalbox.events.Position;
import dev.signalbox.gateway.testing.GatewayInstances;
import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * {@code transit.route.*} on a real gateway and broker: every route channel one level below, from
 * every partition, and nothing else; a wildcard subscription's position is one per partition, and
 * resuming from it on another instance misses and repeats nothing on any of its channels.
 */
class WildcardSubscriptionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> ROUTES = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "transit.route.r" + i).toList();
    /** Published between the routes: none of them is one level below {@code transit.route}. */
    private static final List<String> OTHERS = List.of("transit.stop.s1", "transit.route.r1.platform", "transit.alerts");
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final AtomicInteger sequence = new AtomicInteger();
    private static GatewayInstances gateways;

    @BeforeAll
    static void startTwoGateways() throws Exception {
        gateways = GatewayInstances.start(infra, "transit", 2);
    }

    @AfterAll
    static void stopGateways() {
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void aWildcardReceivesEveryChannelOneLevelBelowFromEveryPartitionAndNothingElse() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(gateways.port(0))) {
            client.subscribe("transit.route.*", "\"latest\"");
            JsonNode subscribed = client.expect("subscribed", WAIT);
            assertThat(subscribed.get("channel").asString()).isEqualTo("transit.route.*");
            assertThat(Position.parseAll(subscribed.get("position").asString())).extracting(Position::partition).containsExactly(0, 1, 2);

            Map<String, List<Integer>> published = publishRound(5);
            List<JsonNode> events = client.events(ROUTES.size() * 5, WAIT);

            assertThat(byChannel(events)).isEqualTo(published);
            assertThat(events).extracting(event -> Position.parse(event.get("position").asString()).partition()).containsOnly(0, 1, 2)
                    .as("the twelve routes spread over all three partitions").contains(0, 1, 2);
            assertThat(quietFor(client)).as("nothing of the other channels").isEmpty();
        }
    }

    @Test
    void resumingAWildcardOnAnotherInstanceMissesAndRepeatsNothingOnAnyChannel() throws Exception {
        Map<String, List<Integer>> published = new TreeMap<>();
        Map<String, List<Integer>> received = new TreeMap<>();
        Map<Integer, Position> lastSeen = new TreeMap<>();
        try (ProtocolClient client = ProtocolClient.connect(gateways.port(0))) {
            client.subscribe("transit.route.*", "\"latest\"");
            Position.parseAll(client.expect("subscribed", WAIT).get("position").asString()).forEach(p -> lastSeen.put(p.partition(), p));
            merge(published, publishRound(4));
            // Read part of what came, remember each partition's last position, then drop the connection.
            for (JsonNode event : client.events(ROUTES.size() * 2, WAIT)) {
                record(event, received, lastSeen);
            }
            client.abort();
        }
        merge(published, publishRound(3));
        CompletableFuture<Map<String, List<Integer>>> whileResuming = CompletableFuture.supplyAsync(() -> {
            Map<String, List<Integer>> steady = new TreeMap<>();
            for (int i = 0; i < 10; i++) {
                merge(steady, publishRound(1));
            }
            return steady;
        });
        String resumeAt = Position.encodeAll(lastSeen.values());
        try (ProtocolClient client = ProtocolClient.connect(gateways.port(1))) {
            client.subscribe("transit.route.*", "{\"position\":\"" + resumeAt + "\"}");
            assertThat(client.expect("subscribed", WAIT).get("position").asString()).isEqualTo(resumeAt);
            merge(published, whileResuming.get(60, TimeUnit.SECONDS));
            int expected = published.values().stream().mapToInt(List::size).sum() - received.values().stream().mapToInt(List::size).sum();
            for (JsonNode event : client.events(expected, WAIT)) {
                record(event, received, lastSeen);
            }
            assertThat(received).isEqualTo(published);
            assertThat(quietFor(client)).isEmpty();
        }
    }

    @Test
    void aWildcardIsRefusedWhereItsChannelsAreNotTheViewersAndAResumeMustNameEveryPartition() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(gateways.port(0))) {
            client.subscribe("jobs.user.*", "\"latest\"");
            assertThat(client.expect("error", WAIT).get("code").asString()).isEqualTo("forbidden");
            client.subscribe("transit.route.*", "{\"position\":\"0-1\"}");
            assertThat(client.expect("error", WAIT).get("code").asString()).isEqualTo("invalid-position");
            client.subscribe("transit.*.x", "\"latest\"");
            assertThat(client.expect("error", WAIT).get("code").asString()).isEqualTo("invalid-channel");
        }
    }

    /** Whatever else arrives in the second after everything expected did. */
    private static List<JsonNode> quietFor(ProtocolClient client) {
        List<JsonNode> extra = new ArrayList<>();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> extra.addAll(client.drain()) || true);
        return extra;
    }

    private static void record(JsonNode event, Map<String, List<Integer>> received, Map<Integer, Position> lastSeen) {
        received.computeIfAbsent(event.get("channel").asString(), c -> new ArrayList<>()).add(event.get("data").get("seq").asInt());
        Position position = Position.parse(event.get("position").asString());
        lastSeen.put(position.partition(), position);
    }

    private static Map<String, List<Integer>> byChannel(List<JsonNode> events) {
        return events.stream().collect(Collectors.groupingBy(event -> event.get("channel").asString(), TreeMap::new,
                Collectors.mapping(event -> event.get("data").get("seq").asInt(), Collectors.toList())));
    }

    private static void merge(Map<String, List<Integer>> into, Map<String, List<Integer>> more) {
        more.forEach((channel, seqs) -> into.computeIfAbsent(channel, c -> new ArrayList<>()).addAll(seqs));
    }

    /** Each route channel {@code rounds} times, with other channels between; what went to each route, in order. */
    private static Map<String, List<Integer>> publishRound(int rounds) {
        Map<String, List<Integer>> published = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String route : ROUTES) {
                published.computeIfAbsent(route, c -> new ArrayList<>()).add(publish(route));
                publish(OTHERS.get(sequence.get() % OTHERS.size()));
            }
        }
        return published;
    }

    private static int publish(String channel) {
        int seq = sequence.incrementAndGet();
        gateways.publish(channel, "{\"seq\":" + seq + "}", "dev.signalbox.transit.vehicle");
        return seq;
    }
}
