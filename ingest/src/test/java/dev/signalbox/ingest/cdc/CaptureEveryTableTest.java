package dev.signalbox.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.events.Json;
import dev.signalbox.ingest.IsolatedIngest;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import dev.signalbox.localinfra.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Every domain table, written by plain SQL as any app would: each insert, update and delete reaches
 * its change topic with the right op and before/after images, types intact; an outbox row becomes
 * an event on its aggregate's topic.
 */
class CaptureEveryTableTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final String database = infra.newDatabase("capture_all");
    private static final String prefix = TestInfrastructure.uniqueName("cdc");
    private static ConfigurableApplicationContext ingest;

    @BeforeAll
    static void startIngest() {
        ingest = IsolatedIngest.run(IsolatedIngest.settings(infra, database, prefix));
        ChangeCapture capture = ingest.getBean(ChangeCapture.class);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> capture.state() == ChangeCapture.State.STREAMING);
    }

    @AfterAll
    static void stopIngest() {
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void everyTableCapturesInsertUpdateAndDelete() throws Exception {
        long company = insert("insert into companies (name) values ('Acme') returning id");
        long posting = insert("insert into job_postings (company_id, title, location, status, salary_min, salary_max, salary_currency, remote) "
                + "values (" + company + ", 'Engineer', 'Berlin', 'OPEN', 65000.50, 80000, 'EUR', true) returning id");
        long application = insert("insert into job_applications (posting_id, user_id, status) values (" + posting + ", 'ada', 'SUBMITTED') returning id");
        long league = insert("insert into leagues (name) values ('Premier') returning id");
        long home = insert("insert into teams (league_id, name) values (" + league + ", 'Reds') returning id");
        long away = insert("insert into teams (league_id, name) values (" + league + ", 'Blues') returning id");
        long match = insert("insert into matches (league_id, home_team_id, away_team_id, starts_at) values (" + league + ", " + home + ", "
                + away + ", '2026-11-23T15:00:00Z') returning id");
        long matchEvent = insert("insert into match_events (match_id, type, minute, team_id, player, detail) values (" + match
                + ", 'CARD', 12, " + home + ", 'Smith', '{\"colour\":\"yellow\",\"reason\":\"foul\"}') returning id");
        long notification = insert("insert into notifications (audience, user_id, title, severity) values ('USER', 'ada', 'Hello', 'INFO') returning id");
        long alert = insert("insert into transit_alerts (cause, effect, header, route_ids, stop_ids, active_from) values "
                + "('STRIKE', 'NO_SERVICE', 'Strike', '{r1,r2}', '{}', '2026-11-23T06:00:00Z') returning id");

        execute("update companies set name = 'Acme Corp' where id = " + company);
        execute("update job_postings set title = 'Senior Engineer' where id = " + posting);
        execute("update job_applications set status = 'REVIEWING' where id = " + application);
        execute("update leagues set name = 'Premier League' where id = " + league);
        execute("update teams set name = 'The Reds' where id = " + home);
        execute("update matches set status = 'IN_PLAY', home_score = 1, period = 1, clock_seconds = 754 where id = " + match);
        execute("update match_events set minute = 13 where id = " + matchEvent);
        execute("update notifications set title = 'Hello again' where id = " + notification);
        execute("update transit_alerts set effect = 'REDUCED_SERVICE', route_ids = '{r1}' where id = " + alert);

        execute("delete from match_events where id = " + matchEvent);
        execute("delete from matches where id = " + match);
        execute("update teams set name = 'The Blues' where id = " + away);
        execute("delete from teams where id in (" + home + ", " + away + ")");
        execute("delete from leagues where id = " + league);
        execute("delete from job_applications where id = " + application);
        execute("delete from job_postings where id = " + posting);
        execute("delete from companies where id = " + company);
        execute("delete from notifications where id = " + notification);
        execute("delete from transit_alerts where id = " + alert);

        JsonNode[] companyChanges = changes("companies", company);
        assertThat(companyChanges[0].get("after").get("name").asString()).isEqualTo("Acme");
        assertThat(companyChanges[1].get("before").get("name").asString()).isEqualTo("Acme");
        assertThat(companyChanges[1].get("after").get("name").asString()).isEqualTo("Acme Corp");
        assertThat(companyChanges[2].get("before").get("name").asString()).isEqualTo("Acme Corp");

        JsonNode[] postingChanges = changes("job_postings", posting);
        JsonNode postingRow = postingChanges[0].get("after");
        assertThat(postingRow.get("salary_min").asString()).as("numeric stays exact, as text").isEqualTo("65000.50");
        assertThat(postingRow.get("salary_max").asString()).isEqualTo("80000.00");
        assertThat(postingRow.get("remote").asBoolean()).isTrue();
        assertThat(postingRow.get("date_posted").asString()).as("timestamptz as ISO-8601 in UTC").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(postingChanges[1].get("after").get("title").asString()).isEqualTo("Senior Engineer");

        assertThat(changes("job_applications", application)[1].get("after").get("status").asString()).isEqualTo("REVIEWING");
        assertThat(changes("leagues", league)[1].get("after").get("name").asString()).isEqualTo("Premier League");
        assertThat(changes("teams", home)[1].get("after").get("name").asString()).isEqualTo("The Reds");
        assertThat(changes("teams", away)[2].get("before").get("name").asString()).isEqualTo("The Blues");

        JsonNode matchUpdate = changes("matches", match)[1];
        assertThat(matchUpdate.get("before").get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(matchUpdate.get("after").get("home_score").asInt()).isEqualTo(1);
        assertThat(matchUpdate.get("after").get("clock_seconds").asInt()).isEqualTo(754);

        JsonNode[] events = changes("match_events", matchEvent);
        assertThat(Json.MAPPER.readTree(events[0].get("after").get("detail").asString()).get("colour").asString()).as("jsonb").isEqualTo("yellow");
        assertThat(events[1].get("after").get("minute").asInt()).isEqualTo(13);

        assertThat(changes("notifications", notification)[1].get("after").get("title").asString()).isEqualTo("Hello again");

        JsonNode[] alerts = changes("transit_alerts", alert);
        assertThat(alerts[0].get("after").get("route_ids").valueStream().map(JsonNode::asString).toList()).containsExactly("r1", "r2");
        assertThat(alerts[1].get("after").get("effect").asString()).isEqualTo("REDUCED_SERVICE");
        assertThat(alerts[2].get("before").get("header").asString()).isEqualTo("Strike");

        // The change producer reports Kafka's producer metrics like the app's own producers.
        assertThat(ingest.getBean(MeterRegistry.class).find("kafka.producer.record.send.total").meters()).isNotEmpty();
    }

    @Test
    void anUnchangedLargeColumnKeepsItsValueInAnUpdate() throws Exception {
        String longText = randomText(9_000);
        long company = insert("insert into companies (name) values ('Toast Co') returning id");
        long posting = insert("insert into job_postings (company_id, title, location, status, description) values (" + company
                + ", 'Long read', 'Remote', 'OPEN', '" + longText + "') returning id");
        execute("update job_postings set title = 'Longer read' where id = " + posting);

        try (TopicReader<String> reader = TopicReader.of(infra.kafkaBootstrapServers(), prefix + ".public.job_postings")) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(read -> read.stream()
                    .anyMatch(r -> r.value() != null && r.value().contains("Longer read")), WAIT);
            JsonNode update = Json.MAPPER.readTree(records.stream().filter(r -> r.value() != null && r.value().contains("Longer read"))
                    .findFirst().orElseThrow().value());
            assertThat(update.get("after").get("description").asString()).isEqualTo(longText);
        }
    }

    @Test
    void anOutboxRowBecomesAnEventOnItsAggregateTopic() throws Exception {
        UUID id = UUID.randomUUID();
        execute("insert into outbox (id, aggregatetype, aggregateid, type, payload) values ('" + id
                + "', 'invoice', 'inv-17', 'InvoicePaid', '{\"amount\":\"12.50\"}')");
        try (TopicReader<String> reader = TopicReader.of(infra.kafkaBootstrapServers(), prefix + ".outbox.invoice")) {
            ConsumerRecord<String, String> event = reader.readAtLeast(1, WAIT).get(0);
            // Keys are JSON text, like every change topic's: here a JSON string.
            assertThat(event.key()).isEqualTo("\"inv-17\"");
            assertThat(new String(event.headers().lastHeader("id").value(), StandardCharsets.UTF_8)).isEqualTo(id.toString());
            assertThat(Json.MAPPER.readTree(event.value()).get("amount").asString()).isEqualTo("12.50");
        }
    }

    /** The changes of one row, in order: insert, update, delete (other rows of the table are other tests'). */
    private static JsonNode[] changes(String table, long id) {
        String key = "{\"id\":" + id + "}";
        try (TopicReader<String> reader = TopicReader.of(infra.kafkaBootstrapServers(), prefix + ".public." + table)) {
            List<JsonNode> changes = reader.readUntil(read -> ofRow(read, key).size() >= 3, WAIT).stream()
                    .filter(r -> key.equals(r.key()) && r.value() != null)
                    .map(r -> Json.MAPPER.readTree(r.value()))
                    .toList();
            assertThat(changes).as(table).extracting(change -> change.get("op").asString()).containsExactly("c", "u", "d");
            // Streamed, not snapshotted: Debezium leaves the field to its schema default, which must be written.
            assertThat(changes).as(table).extracting(change -> change.path("source").path("snapshot").asString())
                    .containsOnly("false");
            return changes.toArray(JsonNode[]::new);
        }
    }

    private static List<ConsumerRecord<String, String>> ofRow(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key()) && r.value() != null).toList();
    }

    private static long insert(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(database, infra.postgresUser(), infra.postgresPassword());
    }

    /** Incompressible text, so PostgreSQL stores it out of line (TOAST). */
    private static String randomText(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
