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

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import dev.signalbox.events.Json;
import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import dev.signalbox.processor.jobs.JobsTopology;
import tools.jackson.databind.JsonNode;

/**
 * The whole path, every stage real: an HTTP POST to ingest writes PostgreSQL, Debezium captures
 * the commit into Kafka, the processor's Kafka Streams topology enriches it, and the gateway
 * pushes it to a real WebSocket client subscribed to {@code jobs.board}. Debezium, Spring Kafka
 * and Kafka Streams run together in this one JVM, on the one Kafka version of the reactor.
 */
class JobBoardEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static Platform platform;

    @BeforeAll
    static void startPlatform(@TempDir Path dataDirectory) {
        platform = IsolatedPlatform.start(infra, dataDirectory, TestInfrastructure.uniqueName("e2e"), false, List.of());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aPostingAppearsChangesAndClosesOnTheBoard() throws Exception {
        try (ProtocolClient board = ProtocolClient.connect(platform.gatewayPort())) {
            board.subscribe("jobs.board", "\"latest\"");
            board.expect("subscribed", WAIT);

            long company = post("/api/companies", "{\"name\":\"Acme Rail\"}").get("id").asLong();
            awaitCompanyInProcessor(company);
            long job = post("/api/jobs", "{\"companyId\":" + company + ",\"title\":\"Kafka Engineer\",\"location\":\"Berlin\"}").get("id").asLong();
            JsonNode posted = board.expect("event", WAIT);
            assertThat(posted.get("kind").asString()).isEqualTo("jobs.posted");
            assertThat(posted.get("data").get("jobId").asLong()).isEqualTo(job);
            assertThat(posted.get("data").get("title").asString()).isEqualTo("Kafka Engineer");
            assertThat(posted.get("data").get("companyName").asString()).isEqualTo("Acme Rail");

            send("PUT", "/api/jobs/" + job, "{\"companyId\":" + company + ",\"title\":\"Senior Kafka Engineer\",\"location\":\"Berlin\"}", 200);
            send("POST", "/api/jobs/" + job + "/close", "", 200);
            JsonNode updated = board.expect("event", WAIT);
            JsonNode closed = board.expect("event", WAIT);

            assertThat(updated.get("kind").asString()).isEqualTo("jobs.updated");
            assertThat(updated.get("data").get("title").asString()).isEqualTo("Senior Kafka Engineer");
            assertThat(closed.get("kind").asString()).isEqualTo("jobs.closed");
            assertThat(closed.get("data").get("status").asString()).isEqualTo("CLOSED");
            assertThat(List.of(offset(posted), offset(updated), offset(closed))).isSorted().doesNotHaveDuplicates();
        }
    }

    /**
     * Waits until the processor's companies table holds the company. It loads on a thread of its
     * own, in no order with the stream that enriches postings: a posting captured moments after its
     * company may go out without the name (README, Processing).
     */
    private static void awaitCompanyInProcessor(long company) {
        KafkaStreams streams = platform.processor().getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        String key = Json.MAPPER.writeValueAsString(java.util.Map.of("id", company));
        // Ignored: a store not yet queryable while the streams start or rebalance.
        await().atMost(WAIT).ignoreExceptions().until(() -> streams
                .store(StoreQueryParameters.fromNameAndType(JobsTopology.COMPANIES_STORE, QueryableStoreTypes.<String, String>keyValueStore()))
                .get(key) != null);
    }

    @Test
    void aUsersApplicationMovesOnTheirPrivateChannelOnly() throws Exception {
        long company = post("/api/companies", "{\"name\":\"Signal Works\"}").get("id").asLong();
        long job = post("/api/jobs", "{\"companyId\":" + company + ",\"title\":\"Stream Engineer\",\"location\":\"Leeds\"}").get("id").asLong();
        String token = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.gatewayPort() + "/dev/token?user=ada"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body()).get("token").asString();
        try (ProtocolClient ada = ProtocolClient.connect(URI.create("ws://127.0.0.1:" + platform.gatewayPort() + "/ws?access_token=" + token));
                ProtocolClient anonymous = ProtocolClient.connect(platform.gatewayPort())) {
            anonymous.subscribe("jobs.user.ada", "\"latest\"");
            assertThat(anonymous.expect("error", WAIT).get("code").asString()).isEqualTo("forbidden");
            ada.subscribe("jobs.user.ada", "\"latest\"");
            ada.expect("subscribed", WAIT);

            long application = post("/api/applications", "{\"postingId\":" + job + ",\"userId\":\"ada\"}").get("id").asLong();
            send("POST", "/api/applications/" + application + "/status", "{\"status\":\"REVIEWING\"}", 200);

            JsonNode submitted = ada.expect("event", WAIT);
            JsonNode reviewing = ada.expect("event", WAIT);
            assertThat(submitted.get("kind").asString()).isEqualTo("jobs.application-submitted");
            assertThat(submitted.get("data").get("postingId").asLong()).isEqualTo(job);
            assertThat(reviewing.get("kind").asString()).isEqualTo("jobs.application-status-changed");
            assertThat(reviewing.get("data").get("status").asString()).isEqualTo("REVIEWING");
            assertThat(reviewing.get("data").get("previousStatus").asString()).isEqualTo("SUBMITTED");
        }
    }

    private static long offset(JsonNode event) {
        String position = event.get("position").asString();
        return Long.parseLong(position.substring(position.indexOf('-') + 1));
    }

    private static JsonNode post(String path, String body) throws Exception {
        return Json.MAPPER.readTree(send("POST", path, body, 201));
    }

    private static String send(String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.ingestPort() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return response.body();
    }
}
