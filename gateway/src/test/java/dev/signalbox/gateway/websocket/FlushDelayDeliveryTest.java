package dev.signalbox.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.signalbox.gateway.testing.GatewayInstances;
import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * With write coalescing on ({@code signalbox.gateway.flush-delay}), a steady stream still arrives
 * whole, in order, without duplicates, and the session still answers its own requests: the delay
 * changes when frames leave, never which or in what order.
 */
class FlushDelayDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHANNEL = "jobs.board";
    private static GatewayInstances gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayInstances.start(TestInfrastructure.shared(), "jobs", 1, Map.of("signalbox.gateway.flush-delay", "100ms"));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aSteadyStreamArrivesWholeAndInOrderThroughTheDelay() {
        try (ProtocolClient client = ProtocolClient.connect(gateway.port(0))) {
            client.subscribe(CHANNEL, "\"latest\"");
            client.expect("subscribed", WAIT);
            List<Integer> published = new ArrayList<>();
            for (int seq = 1; seq <= 200; seq++) {
                gateway.publish(CHANNEL, "{\"seq\":" + seq + "}", "dev.signalbox.jobs.posted");
                published.add(seq);
            }
            List<JsonNode> events = client.events(published.size(), WAIT);
            assertThat(events).extracting(event -> event.get("data").get("seq").asInt()).containsExactlyElementsOf(published);
            assertThat(events).extracting(event -> Long.parseLong(event.get("position").asString().split("-")[1]))
                    .isSorted().doesNotHaveDuplicates();
            assertThat(client.send("{\"type\":\"ping\",\"ref\":\"after\"}").expect("pong", WAIT).get("ref").asString()).isEqualTo("after");
        }
    }
}
