package dev.signalbox.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signalbox.events.Json;
import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * The demo transit network end to end, every stage real: standalone imports the GTFS sample feed,
 * its feed simulator serves GTFS-Realtime over HTTP, ingest polls it into the feed topics, the
 * processor resolves the simulated service alert against the captured schedule, and the gateway
 * pushes it to a WebSocket client on {@code transit.alerts}.
 */
class TransitDemoEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static Platform platform;

    @BeforeAll
    static void startPlatform(@TempDir Path dataDirectory) {
        String run = TestInfrastructure.uniqueName("demo");
        String feedPrefix = run + ".";
        platform = IsolatedPlatform.start(infra, dataDirectory, run, true, List.of(
                "--signalbox.ingest.transit.trip-updates-topic=" + feedPrefix + "feed.transit.trip-updates",
                "--signalbox.ingest.transit.vehicle-positions-topic=" + feedPrefix + "feed.transit.vehicle-positions",
                "--signalbox.ingest.transit.alerts-topic=" + feedPrefix + "feed.transit.alerts",
                "--signalbox.ingest.transit.dead-letter-topic=" + run + ".dlq.ingest",
                // A simulated alert every 6 s (live for 2 s of them), polled every second: one soon.
                "--signalbox.ingest.transit.simulator.alert-interval=6s",
                "--signalbox.ingest.transit.realtime[0].interval=1s",
                "--signalbox.processor.feed-prefix=" + feedPrefix));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theSimulatedNetworksAlertReachesTheBrowserThroughEveryStage() throws Exception {
        JsonNode feed = await().atMost(WAIT).until(() -> Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + platform.ingestPort() + "/api/transit/feeds/" + Platform.DEMO_FEED)).build(),
                HttpResponse.BodyHandlers.ofString()).body()), health -> health.path("lastSuccess").isString());
        assertThat(feed.get("consecutiveFailures").asInt()).isZero();

        try (ProtocolClient client = ProtocolClient.connect(platform.gatewayPort())) {
            client.subscribe("transit.alerts", "\"latest\"");
            client.expect("subscribed", WAIT);
            JsonNode alert = client.expect("event", WAIT);
            assertThat(alert.get("kind").asString()).startsWith("transit.alert");
            assertThat(alert.get("data").get("feedId").asString()).isEqualTo(Platform.DEMO_FEED);
            assertThat(alert.get("data").get("source").asString()).isEqualTo("feed");
            assertThat(alert.get("data").get("routeIds")).isNotEmpty();
            assertThat(alert.get("data").get("effect").asString()).isEqualTo("SIGNIFICANT_DELAYS");
        }
    }
}
