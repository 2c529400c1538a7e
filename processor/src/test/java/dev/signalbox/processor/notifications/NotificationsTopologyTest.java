package dev.signalbox.processor.notifications;

import static dev.signalbox.processor.testing.Changes.change;
import static dev.signalbox.processor.testing.Changes.key;
import static dev.signalbox.processor.testing.Changes.text;
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
import dev.signalbox.events.Topics;
import dev.signalbox.events.notifications.NotificationEvent;
import dev.signalbox.events.notifications.NotificationEventKind;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.testing.TopologyHarness;

/** Drives the production {@link NotificationsTopology#build} with Debezium-shaped change events. */
class NotificationsTopologyTest {

    private static final ProcessorProperties PROPERTIES = ProcessorProperties.defaults();
    private static final long COMMITTED = Instant.parse("2026-11-24T08:00:00Z").toEpochMilli();

    private TopologyHarness harness;
    private TestInputTopic<String, String> notifications;

    @BeforeEach
    void startTopology(@TempDir Path stateDirectory) {
        harness = new TopologyHarness(new NotificationsTopology(PROPERTIES)::build, stateDirectory);
        notifications = harness.input(PROPERTIES.cdcTopic(NotificationsTopology.NOTIFICATIONS));
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void aNotificationForEveryoneGoesToTheAllChannel() {
        notifications.pipeInput(key(1), change("notifications", "c", null, row(1, "EVERYONE", null, "Maintenance tonight"), 10, COMMITTED));

        TestRecord<String, String> record = harness.read(Topics.LIVE_NOTIFICATIONS).get(0);
        assertThat(record.key()).isEqualTo("notifications.all");
        NotificationEvent event = Json.MAPPER.readValue(record.value(), NotificationEvent.class);
        assertThat(event).isEqualTo(new NotificationEvent(NotificationEventKind.CREATED, 1, "Maintenance tonight", "Body", "/status",
                "WARNING", Instant.parse("2026-11-24T07:59:59.5Z"), Instant.ofEpochMilli(COMMITTED), 10));
        assertThat(header(record, "ce_type")).isEqualTo("dev.signalbox.notifications.created");
        assertThat(header(record, "ce_id")).isEqualTo("notification-1-10-created");
        assertThat(header(record, "ce_source")).isEqualTo(NotificationRoute.CE_SOURCE);
    }

    @Test
    void aUsersNotificationGoesOnlyToThatUsersPrivateChannel() {
        notifications.pipeInput(key(2), change("notifications", "c", null, row(2, "USER", "u-42", "Your offer"), 11, COMMITTED));
        assertThat(harness.read(Topics.LIVE_NOTIFICATIONS)).extracting(TestRecord::key).containsExactly("notifications.user.u-42");
    }

    @Test
    void anEditAndADeletionFollowOnTheSameChannel() {
        notifications.pipeInput(key(2), change("notifications", "u", row(2, "USER", "u-42", "Your offer"), row(2, "USER", "u-42", "Your new offer"), 12, COMMITTED));
        notifications.pipeInput(key(2), change("notifications", "d", row(2, "USER", "u-42", "Your new offer"), null, 13, COMMITTED));
        notifications.pipeInput(key(2), (String) null);

        List<TestRecord<String, String>> live = harness.read(Topics.LIVE_NOTIFICATIONS);
        assertThat(live).extracting(TestRecord::key, record -> header(record, "ce_type")).containsExactly(
                tuple("notifications.user.u-42", "dev.signalbox.notifications.updated"),
                tuple("notifications.user.u-42", "dev.signalbox.notifications.withdrawn"));
    }

    @Test
    void aReDeliveredChangeProducesNoSecondEvent() {
        notifications.pipeInput(key(1), change("notifications", "c", null, row(1, "EVERYONE", null, "Hello"), 10, COMMITTED));
        notifications.pipeInput(key(1), change("notifications", "c", null, row(1, "EVERYONE", null, "Hello"), 10, COMMITTED));
        assertThat(harness.read(Topics.LIVE_NOTIFICATIONS)).hasSize(1);
    }

    @Test
    void aPoisonPillGoesToTheDeadLetterTopicAndTheNextRecordStillFlows() {
        notifications.pipeInput(key(3), change("notifications", "c", null, row(3, "SOMEONE", null, "Odd"), 20, COMMITTED));
        notifications.pipeInput(key(4), "[]");
        notifications.pipeInput(key(5), change("notifications", "c", null, row(5, "EVERYONE", null, "Fine"), 21, COMMITTED));

        assertThat(harness.read(Topics.DLQ_PROCESSOR)).extracting(TestRecord::key, record -> header(record, "signalbox.source.offset"))
                .containsExactly(tuple(key(3), "0"), tuple(key(4), "1"));
        assertThat(harness.read(Topics.LIVE_NOTIFICATIONS)).extracting(TestRecord::key).containsExactly("notifications.all");
    }

    @Test
    void theTopologyNamesEveryNode() {
        StreamsBuilder builder = new StreamsBuilder();
        new NotificationsTopology(PROPERTIES).build(builder);
        String description = builder.build().describe().toString();
        assertThat(description).contains("notifications-source", "route-notifications", "notifications-live-sink", "notifications-dead-letter-sink");
        assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+");
    }

    private static String row(long id, String audience, String userId, String title) {
        return "{\"id\":" + id + ",\"audience\":" + text(audience) + ",\"user_id\":" + text(userId) + ",\"title\":" + text(title)
                + ",\"body\":\"Body\",\"link\":\"/status\",\"severity\":\"WARNING\",\"created_at\":\"2026-11-24T07:59:59.500000Z\"}";
    }
}
