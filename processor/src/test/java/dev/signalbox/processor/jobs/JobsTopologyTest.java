package dev.signalbox.processor.jobs;

import static dev.signalbox.processor.testing.Changes.change;
import static dev.signalbox.processor.testing.Changes.key;
import static dev.signalbox.processor.testing.TopologyHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signalbox.events.Json;
import dev.signalbox.events.StateRecord;
import dev.signalbox.events.Topics;
import dev.signalbox.events.jobs.ApplicationEvent;
import dev.signalbox.events.jobs.ApplicationEventKind;
import dev.signalbox.events.jobs.JobEvent;
import dev.signalbox.events.jobs.JobEventKind;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.testing.TopologyHarness;

/** Drives the production {@link JobsTopology#build} with Debezium-shaped change events. */
class JobsTopologyTest {

    private static final ProcessorProperties PROPERTIES = ProcessorProperties.defaults();
    private static final long COMMITTED = Instant.parse("2026-11-23T10:15:30Z").toEpochMilli();
    private static final String POSTINGS = PROPERTIES.cdcTopic(JobsTopology.POSTINGS);

    private TopologyHarness harness;
    private TestInputTopic<String, String> companies;
    private TestInputTopic<String, String> postings;
    private TestInputTopic<String, String> applications;

    @BeforeEach
    void startTopology(@TempDir Path stateDirectory) {
        harness = new TopologyHarness(new JobsTopology(PROPERTIES)::build, stateDirectory);
        companies = harness.input(PROPERTIES.cdcTopic(JobsTopology.COMPANIES));
        postings = harness.input(POSTINGS);
        applications = harness.input(PROPERTIES.cdcTopic(JobsTopology.APPLICATIONS));
        companies.pipeInput(key(7), change("companies", "r", null, "{\"id\":7,\"name\":\"Acme\"}", 1, COMMITTED));
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void aNewPostingIsPostedOnTheBoardAndItsCompanyChannelWithItsCompanyName() {
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));

        List<TestRecord<String, String>> live = harness.read(Topics.LIVE_JOBS);
        assertThat(live).extracting(TestRecord::key).containsExactly("jobs.board", "jobs.company.7");
        JobEvent expected = new JobEvent(JobEventKind.POSTED, 1, "Engineer", "Berlin", "OPEN", 7, "Acme", Instant.ofEpochMilli(COMMITTED), 100);
        for (TestRecord<String, String> record : live) {
            assertThat(Json.MAPPER.readValue(record.value(), JobEvent.class)).isEqualTo(expected);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo("dev.signalbox.jobs.posted");
            assertThat(header(record, "ce_id")).isEqualTo("job-1-100-posted");
            assertThat(header(record, "ce_source")).isEqualTo(PostingRoute.CE_SOURCE);
            assertThat(header(record, "ce_time")).isEqualTo("2026-11-23T10:15:30Z");
            assertThat(header(record, "ce_subject")).isEqualTo("posting-1");
            assertThat(header(record, "ce_entityversion")).isEqualTo("100");
        }
    }

    @Test
    void anOpenPostingIsInTheStateTopicForBothItsChannels() {
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));

        TestRecord<String, String> state = harness.read(Topics.STATE_JOBS_POSTINGS).get(0);
        assertThat(state.key()).isEqualTo("posting-1");
        StateRecord record = Json.MAPPER.readValue(state.value(), StateRecord.class);
        assertThat(record.channels()).containsExactly("jobs.board", "jobs.company.7");
        assertThat(record.version()).isEqualTo(100);
        assertThat(record.data().get("title").asString()).isEqualTo("Engineer");
    }

    @Test
    void aClosedPostingLeavesTheStateTopic() {
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Engineer", "CLOSED"), 102));

        assertThat(harness.read(Topics.STATE_JOBS_POSTINGS)).extracting(TestRecord::key, TestRecord::value)
                .last().isEqualTo(tuple("posting-1", null));
    }

    @Test
    void aSnapshotReadOfAnOpenPostingIsPosted() {
        postings.pipeInput(key(1), posting("r", null, row(1, 7, "Engineer", "OPEN"), 100));
        assertThat(board()).extracting(JobEvent::kind).containsExactly(JobEventKind.POSTED);
    }

    @Test
    void aRevisionIsAnUpdate() {
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Senior Engineer", "OPEN"), 101));
        assertThat(board()).extracting(JobEvent::kind, JobEvent::title).containsExactly(tuple(JobEventKind.UPDATED, "Senior Engineer"));
    }

    @Test
    void closingAPostingIsClosed() {
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Engineer", "CLOSED"), 102));
        assertThat(board()).extracting(JobEvent::kind).containsExactly(JobEventKind.CLOSED);
    }

    @Test
    void aFilledOrExpiredPostingLeavesTheBoardWithItsStatus() {
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Engineer", "FILLED"), 102));
        postings.pipeInput(key(2), posting("u", row(2, 7, "Welder", "OPEN"), row(2, 7, "Welder", "EXPIRED"), 103));
        assertThat(board()).extracting(JobEvent::kind, JobEvent::status)
                .containsExactly(tuple(JobEventKind.CLOSED, "FILLED"), tuple(JobEventKind.CLOSED, "EXPIRED"));
    }

    @Test
    void deletingAPostingClosesItAndItsTombstoneIsIgnored() {
        postings.pipeInput(key(1), posting("d", row(1, 7, "Engineer", "OPEN"), null, 103));
        postings.pipeInput(key(1), (String) null);

        assertThat(board()).extracting(JobEvent::kind, JobEvent::status, JobEvent::title)
                .containsExactly(tuple(JobEventKind.CLOSED, "DELETED", "Engineer"));
    }

    @Test
    void theCompanyNameIsTheLatestOne() {
        companies.pipeInput(key(7), change("companies", "u", "{\"id\":7,\"name\":\"Acme\"}", "{\"id\":7,\"name\":\"Acme Corporation\"}", 2, COMMITTED));
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));
        assertThat(board()).extracting(JobEvent::companyName).containsExactly("Acme Corporation");
    }

    @Test
    void aPostingOfAnUnknownCompanyStillReachesTheBoard() {
        postings.pipeInput(key(2), posting("c", null, row(2, 99, "Welder", "OPEN"), 104));
        assertThat(board()).extracting(JobEvent::companyId, JobEvent::companyName).containsExactly(tuple(99L, null));
    }

    @Test
    void aPoisonPillGoesToTheDeadLetterTopicAndTheNextRecordStillFlows() {
        postings.pipeInput(key(3), "{not json");
        postings.pipeInput(key(4), "{\"op\":\"c\",\"after\":{\"id\":\"four\",\"status\":\"OPEN\"},\"source\":{\"ts_ms\":1}}");
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 105));

        List<TestRecord<String, String>> rejected = harness.read(Topics.DLQ_PROCESSOR);
        assertThat(rejected).hasSize(2);
        TestRecord<String, String> poison = rejected.get(0);
        assertThat(poison.value()).isEqualTo("{not json");
        assertThat(poison.key()).isEqualTo(key(3));
        assertThat(header(poison, "signalbox.error")).isNotBlank();
        assertThat(header(poison, "signalbox.source.topic")).isEqualTo(POSTINGS);
        assertThat(header(poison, "signalbox.source.partition")).isEqualTo("0");
        assertThat(header(poison, "signalbox.source.offset")).isEqualTo("0");
        assertThat(header(rejected.get(1), "signalbox.error")).contains("'id'");

        assertThat(board()).extracting(JobEvent::jobId).containsExactly(1L);
    }

    @Test
    void aReDeliveredChangeProducesNoSecondEvent() {
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Senior Engineer", "OPEN"), 101));
        // Ingest restarted and re-sent both, with their original log positions.
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Senior Engineer", "OPEN"), 101));
        postings.pipeInput(key(1), posting("u", row(1, 7, "Senior Engineer", "OPEN"), row(1, 7, "Engineer", "CLOSED"), 102));

        assertThat(board()).extracting(JobEvent::kind, JobEvent::sourceLsn).containsExactly(
                tuple(JobEventKind.POSTED, 100L), tuple(JobEventKind.UPDATED, 101L), tuple(JobEventKind.CLOSED, 102L));
    }

    @Test
    void anotherRowAtTheSamePositionIsNotARedelivery() {
        // One transaction changing two rows: their positions are close, but each row is its own.
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 200));
        postings.pipeInput(key(2), posting("c", null, row(2, 7, "Welder", "OPEN"), 200));
        assertThat(board()).extracting(JobEvent::jobId).containsExactly(1L, 2L);
    }

    @Test
    void anApplicationAndItsStatusChangesGoOnlyToItsUsersPrivateChannel() {
        applications.pipeInput(key(5), application("c", null, "SUBMITTED", 300));
        applications.pipeInput(key(5), application("u", "SUBMITTED", "INTERVIEW", 301));
        applications.pipeInput(key(5), application("u", "INTERVIEW", "INTERVIEW", 302));
        applications.pipeInput(key(5), application("d", "INTERVIEW", null, 303));

        List<TestRecord<String, String>> live = harness.read(Topics.LIVE_JOBS);
        // "Ada@example.org" is one channel segment, upper case and '@' and '.' escaped.
        assertThat(live).extracting(TestRecord::key).containsOnly("jobs.user._41da_40example_2eorg");
        assertThat(live).extracting(record -> Json.MAPPER.readValue(record.value(), ApplicationEvent.class))
                .extracting(ApplicationEvent::kind, ApplicationEvent::status, ApplicationEvent::previousStatus)
                .containsExactly(
                        tuple(ApplicationEventKind.SUBMITTED, "SUBMITTED", null),
                        tuple(ApplicationEventKind.STATUS_CHANGED, "INTERVIEW", "SUBMITTED"),
                        tuple(ApplicationEventKind.UPDATED, "INTERVIEW", "INTERVIEW"),
                        tuple(ApplicationEventKind.REMOVED, "INTERVIEW", "INTERVIEW"));
        assertThat(live).extracting(record -> header(record, "ce_type")).containsExactly("dev.signalbox.jobs.application-submitted",
                "dev.signalbox.jobs.application-status-changed", "dev.signalbox.jobs.application-updated", "dev.signalbox.jobs.application-removed");
        assertThat(harness.read(Topics.STATE_JOBS_POSTINGS)).isEmpty();
    }

    @Test
    void aReDeliveredApplicationChangeProducesNoSecondEvent() {
        applications.pipeInput(key(5), application("c", null, "SUBMITTED", 300));
        applications.pipeInput(key(5), application("c", null, "SUBMITTED", 300));
        assertThat(harness.read(Topics.LIVE_JOBS)).hasSize(1);
    }

    @Test
    void anApplicationWithoutAUserIsRejected() {
        applications.pipeInput(key(6), change("job_applications", "c", null, "{\"id\":6,\"posting_id\":1,\"status\":\"SUBMITTED\"}", 310, COMMITTED));
        assertThat(harness.read(Topics.DLQ_PROCESSOR)).extracting(record -> header(record, "signalbox.error"))
                .singleElement().asString().contains("user_id");
        assertThat(harness.read(Topics.LIVE_JOBS)).isEmpty();
    }

    @Test
    void theTopologyNamesEveryNode() {
        StreamsBuilder builder = new StreamsBuilder();
        new JobsTopology(PROPERTIES).build(builder);
        String description = builder.build().describe().toString();
        assertThat(description).contains("companies-source", "job-postings-source", "route-postings", "job-postings-live",
                "job-postings-state", "job-postings-rejected", "job-postings-live-sink", "job-postings-state-sink",
                "job-postings-dead-letter-sink", "job-applications-source", "route-applications", "job-applications-live-sink");
        assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+");
    }

    private List<JobEvent> board() {
        return harness.read(Topics.LIVE_JOBS).stream()
                .filter(record -> record.key().equals("jobs.board"))
                .map(record -> Json.MAPPER.readValue(record.value(), JobEvent.class))
                .toList();
    }

    private static String row(long id, long companyId, String title, String status) {
        return "{\"id\":" + id + ",\"company_id\":" + companyId + ",\"title\":\"" + title
                + "\",\"location\":\"Berlin\",\"description\":null,\"status\":\"" + status + "\"}";
    }

    private static String posting(String op, String before, String after, long lsn) {
        return change("job_postings", op, before, after, lsn, COMMITTED);
    }

    private static String application(String op, String beforeStatus, String afterStatus, long lsn) {
        return change("job_applications", op, applicationRow(beforeStatus), applicationRow(afterStatus), lsn, COMMITTED);
    }

    private static String applicationRow(String status) {
        return status == null ? null
                : "{\"id\":5,\"posting_id\":1,\"user_id\":\"Ada@example.org\",\"status\":\"" + status + "\",\"note\":null}";
    }
}
