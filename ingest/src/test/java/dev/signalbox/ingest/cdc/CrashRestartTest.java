package dev.signalbox.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signalbox.events.Json;
import dev.signalbox.ingest.IngestApplication;
import dev.signalbox.ingest.IsolatedIngest;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import dev.signalbox.localinfra.testing.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * Ingest killed with SIGKILL (no shutdown, no offset flush) while a writer commits a numbered
 * sequence, then started again: every number arrives; the only duplicates are re-deliveries of the
 * batch that was in flight, each carrying the same source position (LSN) as its first delivery.
 */
class CrashRestartTest {

    private static final int ROWS = 6_000;
    private static final int KILL_AFTER = 1_000;
    private static final TestInfrastructure infra = TestInfrastructure.shared();

    private final String database = infra.newDatabase("crash_restart");
    private final String prefix = TestInfrastructure.uniqueName("cdc");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyCommittedRowArrivesAfterAKillAndDuplicatesAreRecognisable(@TempDir Path logs) throws Exception {
        Process ingest = startIngest(logs.resolve("first.log"));
        CountDownLatch killPoint = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeNumberedRows(killPoint));

        assertThat(killPoint.await(60, TimeUnit.SECONDS)).isTrue();
        try (TopicReader<String> firstRun = TopicReader.of(infra.kafkaBootstrapServers(), prefix + ".public.notifications")) {
            // Killed mid-stream: changes are being published while the writer goes on committing.
            firstRun.readAtLeast(KILL_AFTER / 2, Duration.ofSeconds(60));
        }
        ingest.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(ingest.isAlive()).isFalse();
        writer.get(120, TimeUnit.SECONDS);

        Process restarted = startIngest(logs.resolve("second.log"));
        try (TopicReader<String> reader = TopicReader.of(infra.kafkaBootstrapServers(), prefix + ".public.notifications")) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(read -> distinctNumbers(read) == ROWS, Duration.ofSeconds(120));

            Map<Integer, List<Long>> lsnsByNumber = new TreeMap<>();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode change = Json.MAPPER.readTree(record.value());
                lsnsByNumber.computeIfAbsent(number(change), n -> new ArrayList<>()).add(change.get("source").get("lsn").asLong());
            }
            assertThat(lsnsByNumber.keySet()).containsExactlyElementsOf(IntStream.rangeClosed(1, ROWS).boxed().toList());

            List<Integer> duplicated = lsnsByNumber.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
            // A re-delivery is the same change again: same source position.
            duplicated.forEach(n -> assertThat(lsnsByNumber.get(n)).as("row %d", n).containsOnly(lsnsByNumber.get(n).get(0)));
            // And only the changes after the last stored offset: one contiguous run, at most delivered twice.
            if (!duplicated.isEmpty()) {
                assertThat(duplicated.get(duplicated.size() - 1) - duplicated.get(0) + 1).isEqualTo(duplicated.size());
                assertThat(lsnsByNumber.get(duplicated.get(0))).hasSize(2);
            }
            System.out.printf("crash restart: %d rows, %d delivered twice%n", ROWS, duplicated.size());
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void writeNumberedRows(CountDownLatch killPoint) {
        try (Connection connection = DriverManager.getConnection(database, infra.postgresUser(), infra.postgresPassword());
                PreparedStatement insert = connection.prepareStatement("insert into notifications (audience, title) values ('EVERYONE', ?)")) {
            for (int n = 1; n <= ROWS; n++) {
                insert.setString(1, "n-" + n);
                insert.executeUpdate();
                if (n == KILL_AFTER) {
                    killPoint.countDown();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the writer failed", e);
        }
    }

    private Process startIngest(Path log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> properties = IsolatedIngest.settings(infra, database, prefix);
        properties.put("server.port", port);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), IngestApplication.class.getName()));
        command.addAll(List.of(IsolatedIngest.arguments(properties)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI ready = URI.create("http://127.0.0.1:" + port + "/readyz");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("ingest exited: " + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return process;
    }

    private static long distinctNumbers(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> r.value() != null).map(r -> number(Json.MAPPER.readTree(r.value()))).distinct().count();
    }

    private static int number(JsonNode change) {
        return Integer.parseInt(change.get("after").get("title").asString().substring(2));
    }
}
