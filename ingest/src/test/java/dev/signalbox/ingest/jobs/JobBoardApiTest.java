package dev.signalbox.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.signalbox.ingest.IngestApplication;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import dev.signalbox.events.Json;

/** The write API on a real PostgreSQL: what it accepts, what it refuses and how it says so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + IngestApplication.CONFIG_NAME, "signalbox.ingest.cdc.enabled=false"})
class JobBoardApiTest {

    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final String database = infra.newDatabase("job_board_api");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties(database).forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private long companyId;

    @BeforeEach
    void aCompany() throws Exception {
        companyId = json(send("POST", "/api/companies", "{\"name\":\"Acme\"}"), 201).get("id").asLong();
    }

    @Test
    void postsRevisesAndClosesAPosting() throws Exception {
        JsonNode posted = json(send("POST", "/api/jobs",
                "{\"companyId\":" + companyId + ",\"title\":\"Engineer\",\"location\":\"Berlin\"}"), 201);
        assertThat(posted.get("status").asString()).isEqualTo("OPEN");
        assertThat(posted.get("companyName").asString()).isEqualTo("Acme");
        long id = posted.get("id").asLong();

        JsonNode revised = json(send("PUT", "/api/jobs/" + id, "{\"companyId\":" + companyId
                + ",\"title\":\"Senior Engineer\",\"location\":\"Berlin\",\"employmentType\":\"CONTRACTOR\",\"remote\":true,"
                + "\"salaryMin\":65000.50,\"salaryMax\":80000,\"salaryCurrency\":\"EUR\"}"), 200);
        assertThat(revised.get("title").asString()).isEqualTo("Senior Engineer");
        assertThat(revised.get("employmentType").asString()).isEqualTo("CONTRACTOR");
        assertThat(revised.get("salaryMin").decimalValue()).isEqualByComparingTo("65000.50");

        assertThat(json(send("POST", "/api/jobs/" + id + "/close", ""), 200).get("status").asString()).isEqualTo("CLOSED");
        assertThat(json(send("POST", "/api/jobs/" + id + "/close", ""), 200).get("status").asString()).isEqualTo("CLOSED");
        assertThat(send("PUT", "/api/jobs/" + id, "{\"companyId\":" + companyId + ",\"title\":\"Reopened?\",\"location\":\"Berlin\"}")
                .statusCode()).isEqualTo(409);
        assertThat(send("POST", "/api/jobs/" + id + "/fill", "").statusCode()).isEqualTo(409);
    }

    @Test
    void movesAnApplicationOnlyAlongItsLifecycle() throws Exception {
        long job = json(send("POST", "/api/jobs", "{\"companyId\":" + companyId + ",\"title\":\"Tester\",\"location\":\"Oslo\"}"), 201)
                .get("id").asLong();
        long application = json(send("POST", "/api/applications", "{\"postingId\":" + job + ",\"userId\":\"ada\"}"), 201).get("id").asLong();
        assertThat(send("POST", "/api/applications", "{\"postingId\":" + job + ",\"userId\":\"ada\"}").statusCode()).isEqualTo(409);
        assertThat(json(send("POST", "/api/applications/" + application + "/status", "{\"status\":\"REVIEWING\"}"), 200)
                .get("status").asString()).isEqualTo("REVIEWING");
        assertThat(send("POST", "/api/applications/" + application + "/status", "{\"status\":\"HIRED\"}").statusCode()).isEqualTo(409);
        assertThat(json(send("POST", "/api/applications/" + application + "/status", "{\"status\":\"PROMOTED\"}"), 400)
                .get("errors").get("status").asString()).contains("INTERVIEW");
    }

    @Test
    void refusesBadInputEverywhereWithFieldMessagesAndWritesNothing() throws Exception {
        long before = count("job_postings") + count("notifications") + count("transit_alerts") + count("matches");
        assertThat(json(send("POST", "/api/jobs", "{\"companyId\":" + companyId + ",\"title\":\"T\",\"location\":\"L\","
                + "\"employmentType\":\"WIZARD\"}"), 400).get("errors").get("employmentType").asString()).contains("FULL_TIME");
        assertThat(json(send("POST", "/api/jobs", "{\"companyId\":" + companyId + ",\"title\":\"T\",\"location\":\"L\","
                + "\"salaryMin\":9,\"salaryMax\":1,\"salaryCurrency\":\"euro\"}"), 400).get("errors").propertyNames())
                .contains("salaryCurrency", "salaryRangeOrdered");
        assertThat(json(send("POST", "/api/jobs", "{\"companyId\":" + companyId + ",\"title\":\"" + "x".repeat(1_000_000)
                + "\",\"location\":\"L\"}"), 400).get("errors").get("title").asString()).contains("200");
        assertThat(json(send("POST", "/api/notifications", "{\"audience\":\"USER\",\"title\":\"Hi\",\"link\":\"javascript:alert(1)\"}"), 400)
                .get("errors").propertyNames()).contains("audienceConsistent", "link");
        assertThat(json(send("POST", "/api/notifications", "{\"audience\":[1],\"title\":\"Hi\"}"), 400).get("errors").has("audience")).isTrue();
        assertThat(json(send("POST", "/api/transit/alerts", "{\"cause\":\"STRIKE\",\"effect\":\"DETOUR\",\"header\":\"h\","
                + "\"routeIds\":[]}"), 400).get("errors").has("informingSomething")).isTrue();
        assertThat(json(send("POST", "/api/transit/alerts", "{\"cause\":\"ALIENS\",\"effect\":\"DETOUR\",\"header\":\"h\"}"), 400)
                .get("errors").has("cause")).isTrue();
        assertThat(send("POST", "/api/leagues/999999/matches", "{\"homeTeamId\":1,\"awayTeamId\":2,\"startsAt\":\"2030-01-01T00:00:00Z\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/matches/abc/state", "{}").statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "/api/transit/alerts/999999", null).statusCode()).isEqualTo(404);
        HttpResponse<String> sqlInName = send("POST", "/api/leagues/1%3Bdrop%20table%20leagues/teams", "{\"name\":\"x\"}");
        assertThat(sqlInName.statusCode()).isIn(400, 404);
        assertThat(sqlInName.body()).doesNotContain("Exception", "org.", "SQL");
        assertThat(count("job_postings") + count("notifications") + count("transit_alerts") + count("matches")).isEqualTo(before);
    }

    @Test
    void refusesInvalidPostingsFieldByFieldAndWritesNothing() throws Exception {
        long before = count("job_postings");
        JsonNode problem = json(send("POST", "/api/jobs", "{\"companyId\":-1,\"title\":\"  \",\"location\":\"" + "x".repeat(201) + "\"}"), 400);
        assertThat(problem.get("errors").propertyNames()).containsExactlyInAnyOrder("companyId", "title", "location");

        JsonNode wrongType = json(send("POST", "/api/jobs", "{\"companyId\":\"abc\",\"title\":\"T\",\"location\":\"L\"}"), 400);
        assertThat(wrongType.toString()).doesNotContain("tools.jackson", "Exception", "dev.signalbox");

        assertThat(send("POST", "/api/jobs", "not json").statusCode()).isEqualTo(400);

        JsonNode unknownCompany = json(send("POST", "/api/jobs", "{\"companyId\":999999,\"title\":\"T\",\"location\":\"L\"}"), 400);
        assertThat(unknownCompany.get("errors").get("companyId").asString()).contains("no company");

        assertThat(count("job_postings")).isEqualTo(before);
    }

    @Test
    void describesTheWriteApiInOpenApi() throws Exception {
        JsonNode paths = json(send("GET", "/v3/api-docs", null), 200).get("paths");
        assertThat(paths.propertyNames()).contains("/api/jobs", "/api/jobs/{id}", "/api/applications", "/api/leagues/{leagueId}/matches",
                "/api/matches/{id}/events", "/api/notifications", "/api/transit/alerts");
    }

    @Test
    void answersNotFoundForUnknownPostings() throws Exception {
        assertThat(send("PUT", "/api/jobs/424242", "{\"companyId\":" + companyId + ",\"title\":\"T\",\"location\":\"L\"}").statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/jobs/424242/close", "").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/jobs/424242", null).statusCode()).isEqualTo(404);
    }

    @Test
    void keepsMarkupAndSqlInTextAsPlainText() throws Exception {
        String title = "<script>alert(1)</script>'; drop table job_postings; --";
        JsonNode posted = json(send("POST", "/api/jobs", "{\"companyId\":" + companyId + ",\"title\":" + Json.MAPPER.writeValueAsString(title)
                + ",\"location\":\"Remote\"}"), 201);
        assertThat(json(send("GET", "/api/jobs/" + posted.get("id").asLong(), null), 200).get("title").asString()).isEqualTo(title);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        if (expectedStatus >= 400) {
            // A refusal explains the request's fault and nothing of the server's insides.
            assertThat(response.body()).doesNotContain("Exception", "at org.", "at dev.", "tools.jackson", "SQL", "hibernate", "postgres");
        }
        return Json.MAPPER.readTree(response.body());
    }

    private static long count(String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(database, infra.postgresUser(), infra.postgresPassword());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
