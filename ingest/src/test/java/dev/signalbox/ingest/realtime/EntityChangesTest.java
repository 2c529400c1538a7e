package dev.signalbox.ingest.realtime;

import static dev.signalbox.ingest.realtime.FeedValidatorTest.tripUpdate;
import static dev.signalbox.ingest.realtime.FeedValidatorTest.vehicle;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader.Incrementality;

class EntityChangesTest {

    private final EntityChanges changes = new EntityChanges();

    @Test
    void onlyWhatChangedSinceTheLastPublishGoesOut() {
        publish(List.of(tripUpdate("a", "T1", 1), tripUpdate("b", "T2", 1)), Incrementality.FULL_DATASET);
        EntityChanges.Changes next = changes.compare(List.of(tripUpdate("a", "T1", 1), tripUpdate("b", "T2", 1, 2)), Incrementality.FULL_DATASET);
        assertThat(next.changed()).extracting(FeedEntity::getId).containsExactly("b");
        assertThat(next.removed()).isEmpty();
    }

    @Test
    void anEntityAFullDatasetNoLongerHoldsIsRemovedAsLastPublished() {
        FeedEntity lastOfB = vehicle("b", "T2", 52.5f, 13.5f);
        publish(List.of(vehicle("a", "T1", 52.5f, 13.4f), lastOfB), Incrementality.FULL_DATASET);
        EntityChanges.Changes next = publish(List.of(vehicle("a", "T1", 52.5f, 13.4f)), Incrementality.FULL_DATASET);
        assertThat(next.removed()).containsExactly(lastOfB);
        assertThat(changes.compare(List.of(), Incrementality.FULL_DATASET).removed()).extracting(FeedEntity::getId).containsExactly("a");
    }

    @Test
    void aDifferentialFeedRemovesOnlyWhatItMarksDeleted() {
        publish(List.of(vehicle("a", "T1", 52.5f, 13.4f), vehicle("b", "T2", 52.5f, 13.5f)), Incrementality.DIFFERENTIAL);
        EntityChanges.Changes quiet = changes.compare(List.of(), Incrementality.DIFFERENTIAL);
        assertThat(quiet.removed()).isEmpty();
        EntityChanges.Changes deleted = changes.compare(List.of(FeedEntity.newBuilder().setId("b").setIsDeleted(true).build()), Incrementality.DIFFERENTIAL);
        assertThat(deleted.removed()).extracting(FeedEntity::getId).containsExactly("b");
    }

    @Test
    void nothingIsRememberedUntilCommitted() {
        changes.compare(List.of(tripUpdate("a", "T1", 1)), Incrementality.FULL_DATASET);
        assertThat(changes.compare(List.of(tripUpdate("a", "T1", 1)), Incrementality.FULL_DATASET).changed()).hasSize(1);
    }

    @Test
    void backoffDoublesPerFailureUpToItsCap() {
        Duration interval = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(5);
        assertThat(FeedPoller.backoff(interval, max, 1)).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(22));
        assertThat(FeedPoller.backoff(interval, max, 3)).isBetween(Duration.ofSeconds(72), Duration.ofSeconds(88));
        assertThat(FeedPoller.backoff(interval, max, 40)).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
    }

    private EntityChanges.Changes publish(List<FeedEntity> entities, Incrementality incrementality) {
        EntityChanges.Changes diff = changes.compare(entities, incrementality);
        changes.commit(diff);
        return diff;
    }
}
