package dev.signalbox.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.events.Json;
import dev.signalbox.ingest.IsolatedIngest;
import dev.signalbox.ingest.fixtures.TransitFixtures;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import dev.signalbox.localinfra.testing.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * GTFS static imports through the API into a real PostgreSQL, captured by the running engine into a
 * real Kafka: the real sample feed loads whole, a broken row is reported with its line while the
 * rest loads, a re-import replaces the feed in one transaction, and what is not GTFS is refused.
 */
class ScheduleImportTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final String database = infra.newDatabase("schedule_import");
    private static final String prefix = TestInfrastructure.uniqueName("gtfs");
    private static ConfigurableApplicationContext ingest;
    private static int port;
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @BeforeAll
    static void startIngest() {
        ingest = IsolatedIngest.run(IsolatedIngest.settings(infra, database, prefix));
        port = Integer.parseInt(ingest.getEnvironment().getProperty("local.server.port"));
        // Ready means the engine streams: everything imported from here on is captured.
        await().atMost(WAIT).until(() -> http.send(HttpRequest.newBuilder(uri("/readyz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @AfterAll
    static void stopIngest() {
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void theSampleFeedLoadsWholeAndIsCapturedLikeAnyTable() throws Exception {
        JsonNode report = importAndWait("sample", TransitFixtures.sampleFeedZip(temp));

        assertThat(report.get("state").asString()).isEqualTo("succeeded");
        assertThat(report.get("version").asLong()).isEqualTo(1);
        assertThat(report.get("rowsRefused").asLong()).as(report.get("problems").toString()).isZero();
        for (String file : List.of("agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt", "calendar.txt", "calendar_dates.txt")) {
            long rows = dataLines(TransitFixtures.sampleFeedFile(file));
            assertThat(fileReport(report, file).get("rowsLoaded").asLong()).as(file).isEqualTo(rows);
            assertThat(fileReport(report, file).get("percent").asDouble()).as(file).isEqualTo(100.0);
            assertThat(count("gtfs_" + file.replace(".txt", "") + " where feed_id = 'sample'")).as(file).isEqualTo(rows);
        }
        assertThat(scalar("select arrival_seconds from gtfs_stop_times where feed_id = 'sample' and trip_id = 'STBA' and stop_sequence = 2"))
                .isEqualTo(String.valueOf(20 * 60));

        long stops = dataLines(TransitFixtures.sampleFeedFile("stops.txt"));
        try (TopicReader<String> reader = TopicReader.of(infra.kafkaBootstrapServers(), prefix + ".public.gtfs_stops")) {
            List<ConsumerRecord<String, String>> captured = reader.readUntil(read -> read.stream().filter(r -> r.value() != null
                    && r.value().contains("\"feed_id\":\"sample\"")).count() >= stops, WAIT);
            JsonNode change = Json.MAPPER.readTree(captured.stream().filter(r -> r.value() != null && r.value().contains("\"FUR_CREEK_RES\"")).findFirst().orElseThrow().value());
            assertThat(change.path("after").path("stop_name").asString()).isEqualTo("Furnace Creek Resort (Demo)");
        }
    }

    @Test
    void stopTimesAndShapesLoadedInManySortedPartsAreCapturedOnceEachUnderTheirOwnKeyAndAReimportTakesTheOldOnesAway() throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database);
        dataSource.setUser(infra.postgresUser());
        dataSource.setPassword(infra.postgresPassword());
        // Seven rows a part: the sample feed's stop times go in many parts, each sorted on its own.
        ScheduleImporter inSmallParts = new ScheduleImporter(dataSource, 7);
        long stopTimes = dataLines(TransitFixtures.sampleFeedFile("stop_times.txt"));
        // The sample feed's shapes.txt has no points: three shapes of ten, listed out of key order.
        StringBuilder points = new StringBuilder();
        for (int point = 10; point >= 1; point--) {
            for (String shape : List.of("S2", "S10", "S1")) {
                points.append(shape).append(",36.").append(point).append(",-116.").append(point).append(',').append(point).append(",\n");
            }
        }
        UnaryOperator<String> withShapes = text -> text.strip() + "\n" + points;

        inSmallParts.importArchive(TransitFixtures.sampleFeedZip(temp, Map.of("shapes.txt", withShapes)), new ImportProgress("parts-1", "parts", "test", 10));
        assertThat(count("gtfs_stop_times where feed_id = 'parts'")).isEqualTo(stopTimes);
        assertThat(count("(select distinct import_part from gtfs_stop_times where feed_id = 'parts') parts")).isEqualTo((stopTimes + 6) / 7);
        assertThat(count("gtfs_shapes where feed_id = 'parts'")).isEqualTo(30);
        assertThat(count("(select distinct import_part from gtfs_shapes where feed_id = 'parts') parts")).isEqualTo((30 + 6) / 7);
        String firstImport = scalar("select import_id from gtfs_feed_versions where feed_id = 'parts'");
        assertThat(scalar("select string_agg(distinct import_id::text, ',') from gtfs_stop_times where feed_id = 'parts'")).isEqualTo(firstImport);
        assertThat(scalar("select string_agg(distinct import_id::text, ',') from gtfs_shapes where feed_id = 'parts'")).isEqualTo(firstImport);

        // Captured keyed by the stop time itself, not by the import that loaded it.
        try (TopicReader<String> reader = TopicReader.of(infra.kafkaBootstrapServers(), prefix + ".public.gtfs_stop_times")) {
            List<ConsumerRecord<String, String>> captured = reader.readUntil(read -> read.stream()
                    .filter(r -> r.value() != null && r.value().contains("\"feed_id\":\"parts\"")).count() >= stopTimes, WAIT);
            ConsumerRecord<String, String> stba2 = captured.stream().filter(r -> r.key().contains("\"parts\"") && r.key().contains("\"STBA\"")
                    && r.key().contains("\"stop_sequence\":2")).findFirst().orElseThrow();
            assertThat(Json.MAPPER.readTree(stba2.key()).propertyNames()).containsExactly("feed_id", "trip_id", "stop_sequence");
            assertThat(Json.MAPPER.readTree(stba2.value()).path("after").path("import_id").asString()).isEqualTo(firstImport);
            assertThat(captured.stream().filter(r -> r.value() != null && r.value().contains("\"feed_id\":\"parts\"")).count())
                    .as("each stop time once").isEqualTo(stopTimes);
        }

        Path withoutAamv = TransitFixtures.sampleFeedZip(temp, Map.of(
                "trips.txt", text -> withoutLinesContaining(text, "AAMV"),
                "stop_times.txt", text -> withoutLinesContaining(text, "AAMV"),
                "shapes.txt", withShapes));
        inSmallParts.importArchive(withoutAamv, new ImportProgress("parts-2", "parts", "test", 10));
        String secondImport = scalar("select import_id from gtfs_feed_versions where feed_id = 'parts'");
        assertThat(Long.parseLong(secondImport)).isGreaterThan(Long.parseLong(firstImport));
        assertThat(scalar("select string_agg(distinct import_id::text, ',') from gtfs_stop_times where feed_id = 'parts'")).isEqualTo(secondImport);
        long aamvStopTimes = TransitFixtures.sampleFeedFile("stop_times.txt").lines().filter(line -> line.contains("AAMV")).count();
        assertThat(count("gtfs_stop_times where feed_id = 'parts'")).isEqualTo(stopTimes - aamvStopTimes);
        assertThat(scalar("select string_agg(distinct import_id::text, ',') from gtfs_shapes where feed_id = 'parts'")).isEqualTo(secondImport);
        assertThat(count("gtfs_shapes where feed_id = 'parts'")).isEqualTo(30);
    }

    @Test
    void aRealAgencysFeedLoadsWholeWithItsTimesPastMidnight() throws Exception {
        JsonNode report = importAndWait("caltrain", TransitFixtures.caltrainZip(temp));

        assertThat(report.get("state").asString()).isEqualTo("succeeded");
        assertThat(report.get("rowsRefused").asLong()).as(report.get("problems").toString()).isZero();
        for (String file : List.of("agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt", "calendar.txt", "calendar_dates.txt")) {
            long rows = dataLines(TransitFixtures.caltrainFile(file));
            assertThat(fileReport(report, file).get("rowsLoaded").asLong()).as(file).isEqualTo(rows);
            assertThat(count("gtfs_" + file.replace(".txt", "") + " where feed_id = 'caltrain'")).as(file).isEqualTo(rows);
        }
        // Trip 198 leaves at 24:01:00 of its service day; 4:30:00 is written with one hour digit.
        assertThat(scalar("select min(departure_seconds) from gtfs_stop_times where feed_id = 'caltrain' and trip_id = '198'"))
                .isEqualTo(String.valueOf(24 * 3600 + 60));
        assertThat(scalar("select min(arrival_seconds) from gtfs_stop_times where feed_id = 'caltrain'")).isEqualTo(String.valueOf(4 * 3600 + 30 * 60));
        assertThat(scalar("select agency_timezone from gtfs_agency where feed_id = 'caltrain'")).isEqualTo("America/Los_Angeles");
        // Caltrain writes a single space for every route_short_name: read as absent, not as " ".
        assertThat(count("gtfs_routes where feed_id = 'caltrain' and route_short_name is null")).isEqualTo(dataLines(TransitFixtures.caltrainFile("routes.txt")));
    }

    @Test
    void aBrokenRowIsReportedWithItsLineWhileTheRestLoads() throws Exception {
        // Line 3 of stop_times.txt calls at a stop that does not exist; line 5 of stops.txt is off the globe.
        Map<String, UnaryOperator<String>> broken = Map.of(
                "stop_times.txt", text -> replaceLine(text, 3, line -> line.replace("BEATTY_AIRPORT", "NOWHERE")),
                "stops.txt", text -> replaceLine(text, 5, line -> line.replace("36.", "136.")));
        JsonNode report = importAndWait("broken", TransitFixtures.sampleFeedZip(temp, broken));

        assertThat(report.get("state").asString()).isEqualTo("succeeded");
        assertThat(report.get("rowsRefused").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(report.get("problems")).anySatisfy(problem -> {
            assertThat(problem.get("file").asString()).isEqualTo("stop_times.txt");
            assertThat(problem.get("line").asLong()).isEqualTo(3);
            assertThat(problem.get("reason").asString()).isEqualTo("stop_id 'NOWHERE' is not in stops.txt");
        });
        assertThat(report.get("problems")).anySatisfy(problem -> {
            assertThat(problem.get("file").asString()).isEqualTo("stops.txt");
            assertThat(problem.get("line").asLong()).isEqualTo(5);
            assertThat(problem.get("reason").asString()).contains("stop_lat").contains("outside");
        });
        long stopTimes = dataLines(TransitFixtures.sampleFeedFile("stop_times.txt"));
        long refusedStopTimes = fileReport(report, "stop_times.txt").get("rowsRefused").asLong();
        assertThat(count("gtfs_stop_times where feed_id = 'broken'")).isEqualTo(stopTimes - refusedStopTimes);
        assertThat(count("gtfs_stop_times where feed_id = 'broken' and stop_id = 'NOWHERE'")).isZero();
        assertThat(count("gtfs_trips where feed_id = 'broken'")).isEqualTo(dataLines(TransitFixtures.sampleFeedFile("trips.txt")));
    }

    @Test
    void aReimportReplacesTheFeedInOneTransactionAndAFailedOneChangesNothing() throws Exception {
        assertThat(importAndWait("replaced", TransitFixtures.sampleFeedZip(temp)).get("version").asLong()).isEqualTo(1);
        long allTrips = count("gtfs_trips where feed_id = 'replaced'");

        // The second version drops every trip of route AAMV (and its stop times).
        Path withoutAamv = TransitFixtures.sampleFeedZip(temp, Map.of(
                "trips.txt", text -> withoutLinesContaining(text, "AAMV"),
                "stop_times.txt", text -> withoutLinesContaining(text, "AAMV")));
        JsonNode second = importAndWait("replaced", withoutAamv);
        assertThat(second.get("state").asString()).isEqualTo("succeeded");
        assertThat(second.get("version").asLong()).isEqualTo(2);
        assertThat(count("gtfs_trips where feed_id = 'replaced' and route_id = 'AAMV'")).isZero();
        long secondTrips = count("gtfs_trips where feed_id = 'replaced'");
        assertThat(secondTrips).isLessThan(allTrips);

        // A third whose last file cannot be parsed fails whole: version 2 stays, row for row.
        long secondStopTimes = count("gtfs_stop_times where feed_id = 'replaced'");
        JsonNode failed = importAndWait("replaced", TransitFixtures.sampleFeedZip(temp, Map.of(
                "stop_times.txt", text -> text + "\nCITY1,\"6:00:00,6:00:00,STAGECOACH,9,,,,\n")));
        assertThat(failed.get("state").asString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).contains("stop_times.txt").contains("not valid CSV");
        assertThat(scalar("select version from gtfs_feed_versions where feed_id = 'replaced'")).isEqualTo("2");
        assertThat(count("gtfs_trips where feed_id = 'replaced'")).isEqualTo(secondTrips);
        assertThat(count("gtfs_stop_times where feed_id = 'replaced'")).isEqualTo(secondStopTimes);

        // The same archive as the current version is not loaded twice.
        JsonNode again = importAndWait("replaced", withoutAamv);
        assertThat(again.get("state").asString()).isEqualTo("unchanged");
        assertThat(again.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void whatIsNotGtfsIsRefusedWithAClearErrorAndNothingWritten() throws Exception {
        JsonNode notZip = importAndWait("refused", TransitFixtures.write(temp, "<html>Not found</html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(notZip.get("state").asString()).isEqualTo("failed");
        assertThat(notZip.get("error").asString()).isEqualTo("not a GTFS feed: the archive is not a zip file");

        JsonNode noStopTimes = importAndWait("refused", TransitFixtures.sampleFeedZip(temp, Map.of("stop_times.txt", text -> null)));
        assertThat(noStopTimes.get("error").asString()).isEqualTo("not a GTFS feed: the archive lacks stop_times.txt");

        JsonNode otherZip = importAndWait("refused", TransitFixtures.zipOf(temp, Map.of("readme.md", "# hello")));
        assertThat(otherZip.get("error").asString()).startsWith("not a GTFS feed: the archive lacks agency.txt, routes.txt, stops.txt");

        JsonNode noColumn = importAndWait("refused", TransitFixtures.sampleFeedZip(temp, Map.of("stops.txt", text -> text.replaceFirst("stop_id", "stop_code"))));
        assertThat(noColumn.get("error").asString()).isEqualTo("stops.txt lacks the required column stop_id");

        assertThat(count("gtfs_stops where feed_id = 'refused'")).isZero();
        assertThat(count("gtfs_feed_versions where feed_id = 'refused'")).isZero();
        HttpResponse<String> badId = http.send(HttpRequest.newBuilder(uri("/api/transit/schedules/no%20spaces/imports"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofFile(TransitFixtures.sampleFeedZip(temp))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badId.statusCode()).isEqualTo(400);
    }

    private static JsonNode importAndWait(String feedId, Path zip) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(uri("/api/transit/schedules/" + feedId + "/imports"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofFile(zip)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        return await().atMost(WAIT).until(() -> Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(uri(location)).build(),
                HttpResponse.BodyHandlers.ofString()).body()), report -> !List.of("queued", "running").contains(report.get("state").asString()));
    }

    private static JsonNode fileReport(JsonNode report, String file) {
        for (JsonNode each : report.get("files")) {
            if (each.get("file").asString().equals(file)) {
                return each;
            }
        }
        throw new AssertionError("no report of " + file + " in " + report);
    }

    /** Rows of a CSV file: its non-blank lines after the header. */
    private static long dataLines(String text) {
        return text.lines().skip(1).filter(line -> !line.isBlank()).count();
    }

    /** Line numbers as an editor counts them, the header being line 1. */
    private static String replaceLine(String text, int line, UnaryOperator<String> change) {
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        lines.set(line - 1, change.apply(lines.get(line - 1)));
        return String.join("\n", lines) + "\n";
    }

    private static String withoutLinesContaining(String text, String part) {
        return String.join("\n", text.lines().filter(line -> !line.contains(part)).toList()) + "\n";
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static long count(String fromWhere) throws Exception {
        return Long.parseLong(scalar("select count(*) from " + fromWhere));
    }

    private static String scalar(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(database, infra.postgresUser(), infra.postgresPassword());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
