package dev.signalbox.ingest.realtime;

import static dev.signalbox.ingest.realtime.FeedValidatorTest.tripUpdate;
import static dev.signalbox.ingest.realtime.FeedValidatorTest.vehicle;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedHeader.Incrementality;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;

import dev.signalbox.ingest.IngestProperties.EntityType;

class EntityChangesTest {

    private static final long SCHEDULE = 1;
    private final EntityChanges changes = new EntityChanges();

    @Test
    void onlyWhatChangedSinceTheLastFetchIsHandled() throws Exception {
        publish(feed(Incrementality.FULL_DATASET, tripUpdate("a", "T1", 1), tripUpdate("b", "T2", 1)), SCHEDULE);
        EntityChanges.Changes next = changes.compare(feed(Incrementality.FULL_DATASET, tripUpdate("a", "T1", 1), tripUpdate("b", "T2", 1, 2)), SCHEDULE);
        assertThat(next.changed()).extracting(RawFeed.Entity::id).containsExactly("b");
        assertThat(next.removed()).isEmpty();
    }

    @Test
    void anEntityAFullDatasetNoLongerHoldsIsRemovedAsLastPublished() throws Exception {
        FeedEntity lastOfB = vehicle("b", "T2", 52.5f, 13.5f);
        publish(feed(Incrementality.FULL_DATASET, vehicle("a", "T1", 52.5f, 13.4f), lastOfB), SCHEDULE);
        EntityChanges.Changes next = publish(feed(Incrementality.FULL_DATASET, vehicle("a", "T1", 52.5f, 13.4f)), SCHEDULE);
        assertThat(next.removed()).extracting(gone -> gone.entity().parse()).containsExactly(lastOfB);
        assertThat(changes.compare(feed(Incrementality.FULL_DATASET), SCHEDULE).removed()).extracting(gone -> gone.entity().id()).containsExactly("a");
    }

    @Test
    void aDifferentialFeedRemovesOnlyWhatItMarksDeleted() throws Exception {
        publish(feed(Incrementality.DIFFERENTIAL, vehicle("a", "T1", 52.5f, 13.4f), vehicle("b", "T2", 52.5f, 13.5f)), SCHEDULE);
        assertThat(changes.compare(feed(Incrementality.DIFFERENTIAL), SCHEDULE).removed()).isEmpty();
        EntityChanges.Changes deleted = changes.compare(feed(Incrementality.DIFFERENTIAL, FeedEntity.newBuilder().setId("b").setIsDeleted(true).build()), SCHEDULE);
        assertThat(deleted.removed()).extracting(gone -> gone.entity().id()).containsExactly("b");
    }

    @Test
    void anEntityNotPublishedIsNeitherHandledAgainNorRemoved() throws Exception {
        RawFeed first = feed(Incrementality.FULL_DATASET, tripUpdate("rejected", "T9", 1));
        changes.commit(first, Map.of(), SCHEDULE, changes.compare(first, SCHEDULE));
        assertThat(changes.compare(first, SCHEDULE).changed()).isEmpty();
        assertThat(changes.compare(feed(Incrementality.FULL_DATASET), SCHEDULE).removed()).isEmpty();
        assertThat(changes.heldByType()).isEmpty();
    }

    @Test
    void aNewScheduleVersionHasEveryEntityCheckedAgain() throws Exception {
        RawFeed feed = feed(Incrementality.FULL_DATASET, tripUpdate("a", "T1", 1));
        publish(feed, SCHEDULE);
        assertThat(changes.compare(feed, SCHEDULE).changed()).isEmpty();
        assertThat(changes.compare(feed, SCHEDULE + 1).changed()).extracting(RawFeed.Entity::id).containsExactly("a");
    }

    @Test
    void nothingIsRememberedUntilCommitted() throws Exception {
        RawFeed feed = feed(Incrementality.FULL_DATASET, tripUpdate("a", "T1", 1));
        changes.compare(feed, SCHEDULE);
        assertThat(changes.compare(feed, SCHEDULE).changed()).hasSize(1);
    }

    @Test
    void backoffDoublesPerFailureUpToItsCap() {
        Duration interval = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(5);
        assertThat(FeedPoller.backoff(interval, max, 1)).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(22));
        assertThat(FeedPoller.backoff(interval, max, 3)).isBetween(Duration.ofSeconds(72), Duration.ofSeconds(88));
        assertThat(FeedPoller.backoff(interval, max, 40)).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
    }

    /** Compares and commits, as a poll that published every changed entity does. */
    private EntityChanges.Changes publish(RawFeed feed, long schedule) throws Exception {
        EntityChanges.Changes diff = changes.compare(feed, schedule);
        Map<String, EntityType> types = new HashMap<>();
        for (RawFeed.Entity entity : diff.changed()) {
            types.put(entity.id(), entity.parse().hasVehicle() ? EntityType.VEHICLE_POSITIONS : EntityType.TRIP_UPDATES);
        }
        changes.commit(feed, types, schedule, diff);
        return diff;
    }

    private static RawFeed feed(Incrementality incrementality, FeedEntity... entities) throws Exception {
        FeedMessage.Builder message = FeedMessage.newBuilder().setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0")
                .setIncrementality(incrementality).setTimestamp(Instant.parse("2026-12-01T12:00:00Z").getEpochSecond()));
        for (FeedEntity entity : entities) {
            message.addEntity(entity);
        }
        return RawFeed.split(message.build().toByteArray());
    }
}
