package dev.signalbox.processor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signalbox.events.JsonSerde;
import dev.signalbox.events.jobs.JobEvent;
import dev.signalbox.events.jobs.JobEventKind;
import dev.signalbox.processor.ProcessorProperties;

/** Drives the production {@link JobsTopology#build} with Debezium-shaped change events. */
class JobsTopologyTest {

    private static final ProcessorProperties.Jobs TOPICS = new ProcessorProperties.Jobs(
            "cdc.public.companies", "cdc.public.job_postings", "live.jobs", "dlq.processor", 3, Duration.ofDays(7));
    private static final long COMMITTED = Instant.parse("2026-11-23T10:15:30Z").toEpochMilli();

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> companies;
    private TestInputTopic<String, String> postings;
    private TestOutputTopic<String, JobEvent> live;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        new JobsTopology(TOPICS).build(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "jobs-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), config);
        companies = driver.createInputTopic(TOPICS.companiesTopic(), new StringSerializer(), new StringSerializer());
        postings = driver.createInputTopic(TOPICS.postingsTopic(), new StringSerializer(), new StringSerializer());
        live = driver.createOutputTopic(TOPICS.liveTopic(), new StringDeserializer(), new JsonSerde<>(JobEvent.class).deserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetterTopic(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        companies.pipeInput(key(7), company("c", 7, "Acme"));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aNewPostingIsPostedOnTheBoardWithItsCompanyName() {
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));

        TestRecord<String, JobEvent> record = live.readRecord();
        assertThat(record.key()).isEqualTo("jobs.board");
        assertThat(record.value()).isEqualTo(new JobEvent(JobEventKind.POSTED, 1, "Engineer", "Berlin", "OPEN", 7, "Acme",
                Instant.ofEpochMilli(COMMITTED), 100));
        assertThat(header(record, "ce_type")).isEqualTo("dev.signalbox.jobs.posted");
        assertThat(header(record, "ce_id")).isEqualTo("job-1-100-posted");
        assertThat(header(record, "ce_source")).isEqualTo(JobPostingEnricher.CE_SOURCE);
        assertThat(header(record, "ce_time")).isEqualTo("2026-11-23T10:15:30Z");
    }

    @Test
    void aSnapshotReadOfAnOpenPostingIsPosted() {
        postings.pipeInput(key(1), posting("r", null, row(1, 7, "Engineer", "OPEN"), 100));
        assertThat(live.readValue().kind()).isEqualTo(JobEventKind.POSTED);
    }

    @Test
    void aRevisionIsAnUpdate() {
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Senior Engineer", "OPEN"), 101));
        JobEvent event = live.readValue();
        assertThat(event.kind()).isEqualTo(JobEventKind.UPDATED);
        assertThat(event.title()).isEqualTo("Senior Engineer");
    }

    @Test
    void closingAPostingIsClosed() {
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Engineer", "CLOSED"), 102));
        assertThat(live.readValue().kind()).isEqualTo(JobEventKind.CLOSED);
    }

    @Test
    void aFilledOrExpiredPostingLeavesTheBoardWithItsStatus() {
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Engineer", "FILLED"), 102));
        postings.pipeInput(key(2), posting("u", row(2, 7, "Welder", "OPEN"), row(2, 7, "Welder", "EXPIRED"), 103));
        assertThat(live.readValuesToList()).extracting(JobEvent::kind, JobEvent::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(JobEventKind.CLOSED, "FILLED"),
                        org.assertj.core.groups.Tuple.tuple(JobEventKind.CLOSED, "EXPIRED"));
    }

    @Test
    void deletingAPostingClosesItAndItsTombstoneIsIgnored() {
        postings.pipeInput(key(1), posting("d", row(1, 7, "Engineer", "OPEN"), null, 103));
        postings.pipeInput(key(1), (String) null);

        JobEvent event = live.readValue();
        assertThat(event.kind()).isEqualTo(JobEventKind.CLOSED);
        assertThat(event.status()).isEqualTo("DELETED");
        assertThat(event.title()).isEqualTo("Engineer");
        assertThat(live.isEmpty()).isTrue();
    }

    @Test
    void theCompanyNameIsTheLatestOne() {
        companies.pipeInput(key(7), company("u", 7, "Acme Corporation"));
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));
        assertThat(live.readValue().companyName()).isEqualTo("Acme Corporation");
    }

    @Test
    void aPostingOfAnUnknownCompanyStillReachesTheBoard() {
        postings.pipeInput(key(2), posting("c", null, row(2, 99, "Welder", "OPEN"), 104));
        JobEvent event = live.readValue();
        assertThat(event.companyId()).isEqualTo(99);
        assertThat(event.companyName()).isNull();
    }

    @Test
    void aPoisonPillGoesToTheDeadLetterTopicAndTheNextRecordStillFlows() {
        postings.pipeInput(key(3), "{not json");
        postings.pipeInput(key(4), "{\"op\":\"c\",\"after\":{\"id\":\"four\",\"status\":\"OPEN\"},\"source\":{\"ts_ms\":1}}");
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 105));

        TestRecord<byte[], byte[]> poison = deadLetters.readRecord();
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(poison.key(), StandardCharsets.UTF_8)).isEqualTo(key(3));
        assertThat(header(poison, "signalbox.error")).isNotBlank();
        assertThat(header(poison, "signalbox.source.topic")).isEqualTo(TOPICS.postingsTopic());
        assertThat(header(poison, "signalbox.source.offset")).isEqualTo("0");
        assertThat(header(deadLetters.readRecord(), "signalbox.error")).contains("'id'");

        assertThat(live.readValue().jobId()).isEqualTo(1);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aReDeliveredChangeProducesNoSecondEvent() {
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Senior Engineer", "OPEN"), 101));
        // Ingest restarted and re-sent both, with their original log positions.
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 100));
        postings.pipeInput(key(1), posting("u", row(1, 7, "Engineer", "OPEN"), row(1, 7, "Senior Engineer", "OPEN"), 101));
        postings.pipeInput(key(1), posting("u", row(1, 7, "Senior Engineer", "OPEN"), row(1, 7, "Engineer", "CLOSED"), 102));

        assertThat(live.readValuesToList()).extracting(JobEvent::kind, JobEvent::sourceLsn).containsExactly(
                org.assertj.core.groups.Tuple.tuple(JobEventKind.POSTED, 100L),
                org.assertj.core.groups.Tuple.tuple(JobEventKind.UPDATED, 101L),
                org.assertj.core.groups.Tuple.tuple(JobEventKind.CLOSED, 102L));
    }

    @Test
    void anotherRowAtTheSamePositionIsNotARedelivery() {
        // One transaction changing two rows: their positions are close, but each row is its own.
        postings.pipeInput(key(1), posting("c", null, row(1, 7, "Engineer", "OPEN"), 200));
        postings.pipeInput(key(2), posting("c", null, row(2, 7, "Welder", "OPEN"), 200));
        assertThat(live.readValuesToList()).extracting(JobEvent::jobId).containsExactly(1L, 2L);
    }

    @Test
    void theTopologyNamesEveryNode() {
        StreamsBuilder builder = new StreamsBuilder();
        new JobsTopology(TOPICS).build(builder);
        String description = builder.build().describe().toString();
        assertThat(description).contains("companies-source", "job-postings-source", "classify-and-enrich",
                "job-postings-enriched", "job-postings-rejected", "key-by-channel", "live-jobs-sink", "dead-letter-sink");
        assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+");
    }

    private static String key(long id) {
        return "{\"id\":" + id + "}";
    }

    private static String company(String op, long id, String name) {
        return "{\"before\":null,\"after\":{\"id\":" + id + ",\"name\":\"" + name + "\"},\"op\":\"" + op
                + "\",\"source\":{\"ts_ms\":" + COMMITTED + ",\"lsn\":1}}";
    }

    private static String row(long id, long companyId, String title, String status) {
        return "{\"id\":" + id + ",\"company_id\":" + companyId + ",\"title\":\"" + title
                + "\",\"location\":\"Berlin\",\"description\":null,\"status\":\"" + status + "\"}";
    }

    private static String posting(String op, String before, String after, long lsn) {
        return "{\"before\":" + before + ",\"after\":" + after + ",\"op\":\"" + op + "\",\"ts_ms\":" + COMMITTED
                + ",\"source\":{\"ts_ms\":" + COMMITTED + ",\"lsn\":" + lsn + ",\"table\":\"job_postings\"}}";
    }

    private static String header(TestRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
