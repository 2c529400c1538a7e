package dev.signalbox.ingest.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeUpdate;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;

/** Each rule on a message that breaks it and on one that does not. */
class FeedValidatorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration STALE = Duration.ofSeconds(65);
    private static final StaticFeedIndex SCHEDULE = StaticFeedIndex.of(Map.of("T1", "R1", "T2", "R1"), Set.of("S1", "S2", "S3"), 52.0, 53.0, 13.0, 14.0);

    @Test
    void aCleanFeedHitsNoRule() {
        Result result = validate(feed(NOW, tripUpdate("e1", "T1", 1, 2, 3), vehicle("e2", "T2", 52.5f, 13.5f)), null);
        assertThat(result.header().rule()).isNull();
        assertThat(result.hits()).isEmpty();
        assertThat(result.accepted()).extracting(FeedEntity::getId).containsExactly("e1", "e2");
        assertThat(result.header().headerTime()).isEqualTo(NOW);
    }

    @Test
    void aMissingHeaderTimestampCountsE048AndTakesTheFetchTime() {
        FeedMessage message = FeedMessage.newBuilder().setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0"))
                .addEntity(tripUpdate("e1", "T1", 1)).build();
        Result result = validate(message, null);
        assertThat(result.hits()).containsEntry(Rule.E048, 1);
        assertThat(result.header().headerTime()).isEqualTo(NOW);
        assertThat(result.accepted()).hasSize(1);
    }

    @Test
    void aHeaderOlderThanThePreviousRejectsTheWholeFeedUnderE018() {
        Result result = validate(feed(NOW.minusSeconds(30), tripUpdate("e1", "T1", 1)),
                new FeedValidator.PreviousHeader(NOW.getEpochSecond(), new byte[0]));
        assertThat(result.header().rule()).isEqualTo(Rule.E018);
        assertThat(result.accepted()).isEmpty();
    }

    @Test
    void changedContentUnderTheSameHeaderCountsE017ButFlows() throws Exception {
        FeedMessage first = feed(NOW, tripUpdate("e1", "T1", 1));
        FeedValidator.PreviousHeader previous = new FeedValidator.PreviousHeader(NOW.getEpochSecond(), first.toByteArray());
        assertThat(validate(first, previous).hits()).doesNotContainKey(Rule.E017);

        Result changed = validate(feed(NOW, tripUpdate("e1", "T1", 1, 2)), previous);
        assertThat(changed.hits()).containsEntry(Rule.E017, 1);
        assertThat(changed.accepted()).hasSize(1);
    }

    @Test
    void anOldHeaderCountsW008() {
        assertThat(validate(feed(NOW.minusSeconds(120), tripUpdate("e1", "T1", 1)), null).hits()).containsEntry(Rule.W008, 1);
        assertThat(validate(feed(NOW.minusSeconds(30), tripUpdate("e1", "T1", 1)), null).hits()).doesNotContainKey(Rule.W008);
    }

    @Test
    void stopTimeUpdatesOutOfOrderRejectTheEntityUnderE002() {
        Result result = validate(feed(NOW, tripUpdate("bad", "T1", 1, 3, 2), tripUpdate("repeat", "T2", 1, 1), tripUpdate("good", "T1", 1, 2)), null);
        assertThat(result.rejected()).extracting(FeedValidator.Rejected::rule).containsExactly(Rule.E002, Rule.E002);
        assertThat(result.accepted()).extracting(FeedEntity::getId).containsExactly("good");
        assertThat(result.hits()).containsEntry(Rule.E002, 2);
    }

    @Test
    void anUnknownTripRejectsTheEntityUnderE003UnlessItWasAdded() {
        FeedEntity added = FeedEntity.newBuilder().setId("added").setTripUpdate(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("EXTRA").setScheduleRelationship(TripDescriptor.ScheduleRelationship.ADDED))).build();
        Result result = validate(feed(NOW, tripUpdate("unknown", "T9", 1), added, vehicle("ghost", "T9", 52.5f, 13.5f)), null);
        assertThat(result.rejected()).extracting(rejected -> rejected.entity().getId()).containsExactly("unknown", "ghost");
        assertThat(result.hits()).containsEntry(Rule.E003, 2);
        assertThat(result.accepted()).extracting(FeedEntity::getId).containsExactly("added");
    }

    @Test
    void withoutAnImportedScheduleNoIdIsCheckedAgainstIt() {
        Result result = validate(feed(NOW, tripUpdate("unknown", "T9", 1)), null, StaticFeedIndex.EMPTY);
        assertThat(result.accepted()).hasSize(1);
        assertThat(result.hits()).isEmpty();
    }

    @Test
    void anUnknownRouteRejectsUnderE004AndAnUnknownStopCountsE011() {
        FeedEntity wrongRoute = FeedEntity.newBuilder().setId("r").setTripUpdate(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("T1").setRouteId("R9"))).build();
        FeedEntity unknownStop = FeedEntity.newBuilder().setId("s").setTripUpdate(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("T1"))
                .addStopTimeUpdate(StopTimeUpdate.newBuilder().setStopSequence(1).setStopId("S9"))).build();
        Result result = validate(feed(NOW, wrongRoute, unknownStop), null);
        assertThat(result.rejected()).extracting(FeedValidator.Rejected::rule).containsExactly(Rule.E004);
        assertThat(result.hits()).containsEntry(Rule.E011, 1);
        assertThat(result.accepted()).extracting(FeedEntity::getId).containsExactly("s");
    }

    @Test
    void anImpossiblePositionRejectsUnderE026AndOneOutsideTheAreaCountsE028() {
        Result result = validate(feed(NOW, vehicle("nowhere", "T1", 0f, 0f), vehicle("space", "T1", 91f, 13.5f),
                vehicle("far", "T1", 48.1f, 11.6f)), null);
        assertThat(result.rejected()).extracting(FeedValidator.Rejected::rule).containsExactly(Rule.E026, Rule.E026);
        assertThat(result.hits()).containsEntry(Rule.E028, 1);
        assertThat(result.accepted()).extracting(FeedEntity::getId).containsExactly("far");
    }

    @Test
    void anAlertWithoutInformedEntityRejectsUnderE032() {
        FeedEntity none = FeedEntity.newBuilder().setId("none").setAlert(Alert.newBuilder()).build();
        FeedEntity route = FeedEntity.newBuilder().setId("route").setAlert(Alert.newBuilder()
                .addInformedEntity(EntitySelector.newBuilder().setRouteId("R1"))).build();
        Result result = validate(feed(NOW, none, route), null);
        assertThat(result.rejected()).extracting(FeedValidator.Rejected::rule).containsExactly(Rule.E032);
        assertThat(result.accepted()).extracting(FeedEntity::getId).containsExactly("route");
    }

    @Test
    void anEntityTimestampAfterTheHeaderCountsE012() {
        FeedEntity future = FeedEntity.newBuilder().setId("f").setVehicle(VehiclePosition.newBuilder()
                .setTimestamp(NOW.plusSeconds(60).getEpochSecond())
                .setPosition(Position.newBuilder().setLatitude(52.5f).setLongitude(13.5f))).build();
        assertThat(validate(feed(NOW, future), null).hits()).containsEntry(Rule.E012, 1);
    }

    @Test
    void anEntityMissingARequiredFieldIsRejectedAsIncomplete() throws Exception {
        // A TripUpdate without its required trip: only a partial parse reads it, and only it is refused.
        FeedMessage partial = FeedMessage.parser().parsePartialFrom(FeedMessage.newBuilder()
                .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(NOW.getEpochSecond()))
                .addEntity(FeedEntity.newBuilder().setId("broken").setTripUpdate(TripUpdate.newBuilder().buildPartial()).buildPartial())
                .addEntity(tripUpdate("fine", "T1", 1))
                .buildPartial().toByteArray());
        Result result = validate(partial, null);
        assertThat(result.rejected()).extracting(FeedValidator.Rejected::rule).containsExactly(Rule.INCOMPLETE);
        assertThat(result.accepted()).extracting(FeedEntity::getId).containsExactly("fine");
    }

    /** What the header and entity checks made of one message, as the poller runs them. */
    private record Result(FeedValidator.HeaderVerdict header, List<FeedEntity> accepted, List<FeedValidator.Rejected> rejected, Map<Rule, Integer> hits) {
    }

    private static Result validate(FeedMessage message, FeedValidator.PreviousHeader previous) {
        return validate(message, previous, SCHEDULE);
    }

    private static Result validate(FeedMessage message, FeedValidator.PreviousHeader previous, StaticFeedIndex schedule) {
        try {
            RawFeed raw = RawFeed.split(message.toByteArray());
            Map<Rule, Integer> hits = new EnumMap<>(Rule.class);
            FeedValidator.HeaderVerdict header = FeedValidator.header(raw, previous, NOW, STALE, hits);
            List<FeedEntity> accepted = new ArrayList<>();
            List<FeedValidator.Rejected> rejected = new ArrayList<>();
            if (header.rule() == null) {
                for (RawFeed.Entity entity : raw.entities()) {
                    FeedEntity parsed = entity.parse();
                    FeedValidator.Rejected problem = FeedValidator.entity(parsed, schedule, header.headerTime().getEpochSecond(), hits);
                    if (problem == null) {
                        accepted.add(parsed);
                    } else {
                        rejected.add(problem);
                    }
                }
            }
            return new Result(header, accepted, rejected, hits);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    static FeedMessage feed(Instant header, FeedEntity... entities) {
        FeedMessage.Builder feed = FeedMessage.newBuilder().setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0")
                .setIncrementality(FeedHeader.Incrementality.FULL_DATASET).setTimestamp(header.getEpochSecond()));
        for (FeedEntity entity : entities) {
            feed.addEntity(entity);
        }
        return feed.build();
    }

    static FeedEntity tripUpdate(String id, String tripId, int... sequences) {
        TripUpdate.Builder update = TripUpdate.newBuilder().setTrip(TripDescriptor.newBuilder().setTripId(tripId));
        for (int sequence : sequences) {
            update.addStopTimeUpdate(StopTimeUpdate.newBuilder().setStopSequence(sequence)
                    .setArrival(TripUpdate.StopTimeEvent.newBuilder().setDelay(60)));
        }
        return FeedEntity.newBuilder().setId(id).setTripUpdate(update).build();
    }

    static FeedEntity vehicle(String id, String tripId, float latitude, float longitude) {
        return FeedEntity.newBuilder().setId(id).setVehicle(VehiclePosition.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId(tripId))
                .setPosition(Position.newBuilder().setLatitude(latitude).setLongitude(longitude))).build();
    }
}
