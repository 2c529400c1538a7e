package dev.signalbox.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.events.Json;
import dev.signalbox.ingest.IsolatedIngest;
import dev.signalbox.ingest.jobs.JobBoard;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import dev.signalbox.localinfra.testing.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * Change capture on a real PostgreSQL and Kafka: every committed change reaches its topic with
 * before/after/op, and the engine's offsets, kept in Kafka, survive a restart — changes made while
 * ingest was down arrive after it, and nothing already published arrives twice.
 */
class ChangeCaptureRestartTest {

    private static final TestInfrastructure infra = TestInfrastructure.shared();

    private final String database = infra.newDatabase("cdc_restart");
    private final String topicPrefix = TestInfrastructure.uniqueName("cdc");
    private final String postingsTopic = topicPrefix + ".public.job_postings";

    @Test
    void publishesEveryChangeOnceAcrossARestart() throws Exception {
        long acme;
        long engineer;
        long designer;
        try (ConfigurableApplicationContext ingest = startIngest();
                TopicReader<String> postings = TopicReader.of(infra.kafkaBootstrapServers(), postingsTopic)) {
            JobBoard jobBoard = ingest.getBean(JobBoard.class);
            acme = jobBoard.addCompany("Acme");
            engineer = jobBoard.post(acme, "Engineer", "Berlin", null);
            designer = jobBoard.post(acme, "Designer", "Lisbon", "Figma");
            List<ConsumerRecord<String, String>> first = postings.readAtLeast(2, Duration.ofSeconds(60));
            assertThat(first).extracting(r -> op(r)).containsExactly("c", "c");
            // Two rows, two keys: each keeps its order, but the two may arrive either way round.
            JsonNode designerRow = first.stream().map(r -> after(r)).filter(row -> row.get("id").asLong() == designer).findFirst().orElseThrow();
            assertThat(designerRow.get("title").asString()).isEqualTo("Designer");
            assertThat(designerRow.get("company_id").asLong()).isEqualTo(acme);
        }

        // Ingest is down: the database moves on without it.
        try (Connection connection = DriverManager.getConnection(database, infra.postgresUser(), infra.postgresPassword());
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("update job_postings set status = 'CLOSED', version = version + 1 where id = " + engineer);
            sql.executeUpdate("delete from job_postings where id = " + designer);
            sql.executeUpdate("insert into job_postings (company_id, title, location, status) values (" + acme + ", 'Tester', 'Oslo', 'OPEN')");
        }

        try (ConfigurableApplicationContext ingest = startIngest();
                TopicReader<String> postings = TopicReader.of(infra.kafkaBootstrapServers(), postingsTopic)) {
            // 2 creates, then the update, the delete and its tombstone, and the insert.
            List<ConsumerRecord<String, String>> all = postings.readAtLeast(6, Duration.ofSeconds(60));
            ingest.getBean(JobBoard.class).post(acme, "Live again", "Rome", null);
            all = postings.readAtLeast(7, Duration.ofSeconds(60));
            // Give any duplicate or a second snapshot time to show up.
            all = postings.readFor(Duration.ofSeconds(3));

            assertThat(all).hasSize(7);
            Map<String, List<String>> opsByRow = new HashMap<>();
            for (ConsumerRecord<String, String> record : all) {
                opsByRow.computeIfAbsent(Json.MAPPER.readTree(record.key()).get("id").asString(), id -> new java.util.ArrayList<>()).add(op(record));
            }
            assertThat(opsByRow.get(String.valueOf(engineer))).containsExactly("c", "u");
            assertThat(opsByRow.get(String.valueOf(designer))).containsExactly("c", "d", "tombstone");
            assertThat(opsByRow.values()).filteredOn(ops -> ops.equals(List.of("c"))).hasSize(2);

            ConsumerRecord<String, String> closed = all.stream().filter(r -> "u".equals(op(r))).findFirst().orElseThrow();
            assertThat(after(closed).get("status").asString()).isEqualTo("CLOSED");
            ConsumerRecord<String, String> deleted = all.stream().filter(r -> "d".equals(op(r))).findFirst().orElseThrow();
            assertThat(Json.MAPPER.readTree(deleted.value()).get("before").get("id").asLong()).isEqualTo(designer);

            // Each change carries its source position, and no position was published twice.
            assertThat(all.stream().filter(r -> r.value() != null).map(r -> Json.MAPPER.readTree(r.value()).get("source").get("lsn").asLong()))
                    .doesNotHaveDuplicates();
        }
    }

    private ConfigurableApplicationContext startIngest() {
        ConfigurableApplicationContext context = IsolatedIngest.run(IsolatedIngest.settings(infra, database, topicPrefix));
        ChangeCapture capture = context.getBean(ChangeCapture.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> capture.state() == ChangeCapture.State.STREAMING);
        return context;
    }

    private static String op(ConsumerRecord<String, String> record) {
        return record.value() == null ? "tombstone" : Json.MAPPER.readTree(record.value()).get("op").asString();
    }

    private static JsonNode after(ConsumerRecord<String, String> record) {
        return Json.MAPPER.readTree(record.value()).get("after");
    }
}
