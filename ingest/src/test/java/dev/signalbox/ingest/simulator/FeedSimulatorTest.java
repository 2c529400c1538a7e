package dev.signalbox.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;

/** The simulated feed at chosen instants of one trip's day: where its vehicle is, what it predicts, when alerts run. */
class FeedSimulatorTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** T1 calls at A 08:00, departs 08:01, reaches B at 08:11, departs 08:12, ends at C at 08:20. */
    private static final SimulatedNetwork NETWORK = new SimulatedNetwork(1, BERLIN, List.of(new SimulatedNetwork.Trip("T1", "R1", List.of(
            new SimulatedNetwork.Call(1, "A", 52.50, 13.40, 8 * 3600, 8 * 3600 + 60),
            new SimulatedNetwork.Call(2, "B", 52.60, 13.50, 8 * 3600 + 660, 8 * 3600 + 720),
            new SimulatedNetwork.Call(3, "C", 52.70, 13.60, 8 * 3600 + 1200, 8 * 3600 + 1200)))), List.of("R1"));
    private static final Duration NO_ALERTS_SOON = Duration.ofDays(3650);

    @Test
    void aRunningTripHasAVehicleBetweenItsStopsAndPredictionsForTheRestOfItsCalls() {
        FeedMessage feed = FeedSimulator.at(NETWORK, whenRunning(8 * 3600 + 360), NO_ALERTS_SOON); // half way from A to B

        assertThat(feed.getHeader().getIncrementality()).isEqualTo(FeedHeader.Incrementality.FULL_DATASET);
        VehiclePosition vehicle = entity(feed, "vehicle-T1").getVehicle();
        assertThat(vehicle.getCurrentStatus()).isEqualTo(VehiclePosition.VehicleStopStatus.IN_TRANSIT_TO);
        assertThat(vehicle.getStopId()).isEqualTo("B");
        assertThat(vehicle.getPosition().getLatitude()).isStrictlyBetween(52.50f, 52.60f);
        assertThat(vehicle.getTrip().getStartDate()).isEqualTo("20261201");

        var update = entity(feed, "trip-T1-20261201").getTripUpdate();
        assertThat(update.getStopTimeUpdateList()).extracting(stopTime -> stopTime.getStopId()).containsExactly("B", "C");
        long scheduledAtB = scheduledInstant(8 * 3600 + 660).getEpochSecond();
        assertThat(update.getStopTimeUpdate(0).getArrival().getTime() - scheduledAtB).isEqualTo(update.getStopTimeUpdate(0).getArrival().getDelay());
    }

    @Test
    void aVehicleAtAStopIsStoppedThereAndNoTripRunsBeforeItsFirstDepartureOrAfterItsEnd() {
        FeedMessage atB = FeedSimulator.at(NETWORK, whenRunning(8 * 3600 + 690), NO_ALERTS_SOON);
        VehiclePosition vehicle = entity(atB, "vehicle-T1").getVehicle();
        assertThat(vehicle.getCurrentStatus()).isEqualTo(VehiclePosition.VehicleStopStatus.STOPPED_AT);
        assertThat(vehicle.getStopId()).isEqualTo("B");
        assertThat(entity(atB, "trip-T1-20261201").getTripUpdate().getStopTimeUpdateList()).extracting(stopTime -> stopTime.getStopId())
                .containsExactly("B", "C");

        assertThat(FeedSimulator.at(NETWORK, scheduledInstant(5 * 3600), NO_ALERTS_SOON).getEntityCount()).isZero();
        assertThat(FeedSimulator.at(NETWORK, scheduledInstant(12 * 3600), NO_ALERTS_SOON).getEntityCount()).isZero();
    }

    @Test
    void delaysDriftButStayWithinTheirBand() {
        long start = scheduledInstant(8 * 3600).getEpochSecond();
        int first = FeedSimulator.delay("T1", start);
        boolean drifted = false;
        for (long second = start; second < start + 1200; second += 30) {
            int delay = FeedSimulator.delay("T1", second);
            assertThat(delay).isBetween(-60 - 150, 240 + 150);
            drifted |= delay != first;
        }
        assertThat(drifted).isTrue();
    }

    @Test
    void anAlertRunsForTheFirstThirdOfEachIntervalOnARoute() {
        Duration interval = Duration.ofMinutes(9);
        long bucketStart = Math.floorDiv(scheduledInstant(5 * 3600).getEpochSecond(), interval.toSeconds()) * interval.toSeconds();
        FeedMessage during = FeedSimulator.at(NETWORK, Instant.ofEpochSecond(bucketStart + 60), interval);
        FeedMessage after = FeedSimulator.at(NETWORK, Instant.ofEpochSecond(bucketStart + 4 * 60), interval);
        assertThat(during.getEntityList()).filteredOn(FeedEntity::hasAlert).singleElement()
                .satisfies(alert -> assertThat(alert.getAlert().getInformedEntity(0).getRouteId()).isEqualTo("R1"));
        assertThat(after.getEntityList()).noneMatch(FeedEntity::hasAlert);
    }

    /** The instant T1, running late or early by its drifting delay, is where the schedule puts it at this time of day. */
    private static Instant whenRunning(int secondsOfDay) {
        Instant scheduled = scheduledInstant(secondsOfDay);
        Instant now = scheduled;
        for (int i = 0; i < 50; i++) { // the delay drifts slower than time passes, so this settles
            now = scheduled.plusSeconds(FeedSimulator.delay("T1", now.getEpochSecond()));
        }
        return now;
    }

    /** The instant of a time of day on 2026-12-01 in Berlin, as GTFS counts it. */
    private static Instant scheduledInstant(int secondsOfDay) {
        return java.time.LocalDate.of(2026, 12, 1).atStartOfDay(BERLIN).plusSeconds(secondsOfDay).toInstant();
    }

    private static FeedEntity entity(FeedMessage feed, String id) {
        return feed.getEntityList().stream().filter(entity -> entity.getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no entity " + id + " in " + feed.getEntityList().stream().map(FeedEntity::getId).toList()));
    }
}
