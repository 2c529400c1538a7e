package dev.signalbox.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.signalbox.events.Json;
import dev.signalbox.gateway.testing.GatewayInstances;
import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.gateway.testing.SseClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * A gateway that stops tells its clients so, as PROTOCOL.md promises: WebSocket sessions are closed
 * with 1001 (going away) and SSE streams end with a {@code close} event carrying 1001, and what the
 * code asks of a client — reconnect to any instance and resume — loses nothing.
 */
class GoingAwayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHANNEL = "jobs.board";

    @Test
    void aStoppingGatewayClosesItsSessionsWithGoingAwayAndTheyResumeOnAnotherInstance() throws Exception {
        try (GatewayInstances gateways = GatewayInstances.start(TestInfrastructure.shared(), "jobs", 1)) {
            int stopping = gateways.port(0);
            try (ProtocolClient webSocket = ProtocolClient.connect(stopping);
                    SseClient sse = SseClient.connect(URI.create("http://localhost:" + stopping + "/sse?channel=" + CHANNEL + "&from=latest"), null)) {
                webSocket.subscribe(CHANNEL, "\"latest\"");
                webSocket.expect("subscribed", WAIT);
                sse.expect("subscribed", WAIT);
                publish(gateways, 1, 5);
                List<JsonNode> before = webSocket.events(5, WAIT);
                assertThat(sse.events(5, WAIT)).hasSize(5);

                gateways.stop(0);

                assertThat(webSocket.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(CloseCodes.GOING_AWAY);
                SseClient.Event close = sse.expect("close", WAIT);
                assertThat(Json.MAPPER.readTree(close.data()).get("code").asInt()).isEqualTo(CloseCodes.GOING_AWAY);

                // A rolling deploy: the next instance comes up after the old one stopped, while events go on.
                publish(gateways, 6, 10);
                int next = gateways.startAnother();
                String last = before.get(before.size() - 1).get("position").asString();
                try (ProtocolClient resumed = ProtocolClient.connect(gateways.port(next))) {
                    resumed.subscribe(CHANNEL, "{\"position\":\"" + last + "\"}");
                    resumed.expect("subscribed", WAIT);
                    assertThat(resumed.events(5, WAIT)).extracting(event -> event.get("data").get("seq").asInt())
                            .containsExactly(6, 7, 8, 9, 10);
                }
            }
        }
    }

    private static void publish(GatewayInstances gateways, int first, int last) {
        IntStream.rangeClosed(first, last).forEach(seq -> gateways.publish(CHANNEL, "{\"seq\":" + seq + "}", "dev.signalbox.jobs.posted"));
    }
}
