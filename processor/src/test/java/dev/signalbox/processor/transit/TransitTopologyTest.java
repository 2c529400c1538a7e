package dev.signalbox.processor.transit;

import static dev.signalbox.processor.testing.Changes.change;
import static dev.signalbox.processor.testing.Changes.key;
import static dev.signalbox.processor.testing.TopologyHarness.header;
import static dev.signalbox.processor.transit.TransitFixtures.entity;
import static dev.signalbox.processor.transit.TransitFixtures.tripUpdate;
import static dev.signalbox.processor.transit.TransitFixtures.vehicle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import dev.signalbox.events.transit.AlertUpdate;
import dev.signalbox.events.transit.RouteSummary;
import dev.signalbox.events.transit.StopPrediction;
import dev.signalbox.events.transit.VehicleUpdate;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.state.StateSerde;
import dev.signalbox.processor.testing.TopologyHarness;

/** Drives the production {@link TransitTopology#build} with captured GTFS rows and GTFS-Realtime entities. */
class TransitTopologyTest {

    private static final ProcessorProperties PROPERTIES = ProcessorProperties.defaults();
    private static final Instant HEADER = Instant.parse("2026-11-24T06:58:00Z");
    private static final String ROUTE_42 = "transit.route.metro_3a42";
    private static final String STOP_S1 = "transit.stop.metro_3a_531";
    private static final String STOP_S2 = "transit.stop.metro_3a_532";

    private TopologyHarness harness;
    private TestInputTopic<String, byte[]> tripUpdates;
    private TestInputTopic<String, byte[]> vehicles;
    private TestInputTopic<String, byte[]> alerts;

    @BeforeEach
    void startTopology(@TempDir Path stateDirectory) {
        harness = new TopologyHarness(new TransitTopology(PROPERTIES)::build, stateDirectory);
        TransitFixtures.schedule(PROPERTIES, (topic, key, value) -> harness.input(topic).pipeInput(key, value));
        tripUpdates = harness.binaryInput(Topics.FEED_TRIP_UPDATES);
        vehicles = harness.binaryInput(Topics.FEED_VEHICLE_POSITIONS);
        alerts = harness.binaryInput(Topics.FEED_ALERTS);
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void aTripUpdateBecomesAPredictionPerStopJoinedWithTheSchedule() {
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1",
                "{\"stopSequence\":1,\"arrival\":{\"delay\":240}}",
                "{\"stopId\":\"S2\",\"arrival\":{\"time\":\"" + S2(300) + "\"}}")));

        List<TestRecord<String, String>> live = harness.read(Topics.LIVE_TRANSIT);
        List<TestRecord<String, String>> stops = live.stream().filter(record -> record.key().startsWith("transit.stop.")).toList();
        assertThat(stops).extracting(TestRecord::key).containsExactly(STOP_S1, STOP_S2);
        StopPrediction first = Json.MAPPER.readValue(stops.get(0).value(), StopPrediction.class);
        assertThat(first).isEqualTo(new StopPrediction("metro", "T1", "42", "42", "Airport", "S1", "Main St", 1,
                TransitFixtures.S1_SCHEDULED, TransitFixtures.S1_SCHEDULED.plusSeconds(240), 240, "SCHEDULED", "bus-7", HEADER));
        StopPrediction second = Json.MAPPER.readValue(stops.get(1).value(), StopPrediction.class);
        assertThat(second.stopSequence()).isEqualTo(2);
        assertThat(second.stopName()).isEqualTo("Park");
        assertThat(second.delaySeconds()).isEqualTo(300);
        assertThat(second.predicted()).isEqualTo(TransitFixtures.S2_SCHEDULED.plusSeconds(300));
        assertThat(header(stops.get(0), "ce_type")).isEqualTo("dev.signalbox.transit.prediction");
        assertThat(header(stops.get(0), "ce_time")).isEqualTo(HEADER.toString());
    }

    @Test
    void onlyMeaningfulChangesOfAPredictionGoOut() {
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":240}}")));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(30), false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":250}}")));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(60), false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":275}}")));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(90), false, tripUpdate("tu-1",
                "{\"stopSequence\":1,\"scheduleRelationship\":\"SKIPPED\",\"arrival\":{\"delay\":275}}")));

        assertThat(predictions()).extracting(StopPrediction::delaySeconds, StopPrediction::scheduleRelationship)
                .containsExactly(tuple(240, "SCHEDULED"), tuple(275, "SCHEDULED"), tuple(275, "SKIPPED"));
    }

    @Test
    void eachStopOfATripRunIsJudgedOnItsOwnLastPrediction() {
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1",
                "{\"stopSequence\":2,\"arrival\":{\"delay\":240}}", "{\"stopSequence\":1,\"arrival\":{\"delay\":240}}")));
        // Stop 1 drifted 10 s (not news), stop 2 a minute (news); a stop the run has not named yet is news.
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(30), false, tripUpdate("tu-1",
                "{\"stopSequence\":1,\"arrival\":{\"delay\":250}}", "{\"stopSequence\":2,\"arrival\":{\"delay\":300}}",
                "{\"stopSequence\":9,\"stopId\":\"S9\",\"arrival\":{\"delay\":300}}")));
        // Against what was published: stop 1 has now moved 30 s from its 240.
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(60), false, tripUpdate("tu-1",
                "{\"stopSequence\":1,\"arrival\":{\"delay\":270}}", "{\"stopSequence\":2,\"arrival\":{\"delay\":310}}")));

        assertThat(predictions()).extracting(StopPrediction::stopSequence, StopPrediction::delaySeconds)
                .containsExactly(tuple(2, 240), tuple(1, 240), tuple(2, 300), tuple(9, 300), tuple(1, 270));
    }

    @Test
    void aTripRunSixHoursPastItsLastTimeIsForgottenAndItsNextPredictionIsNewsAgain() {
        String update = tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":240}}");
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, update));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(30), false, update));
        assertThat(predictions()).hasSize(1);

        // The driver's wall clock starts at the real time, long past this run's time plus six hours:
        // the next sweep forgets the run, so the same prediction is news again.
        harness.advanceWallClock(Duration.ofMinutes(10));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(60), false, update));
        assertThat(predictions()).extracting(StopPrediction::delaySeconds).containsExactly(240);
    }

    @Test
    void aStopUnknownToTheScheduleStillGetsAPredictionFromTheFeedAlone() {
        tripUpdates.pipeInput("metro:tu-2", entity("tu-2", HEADER, false, tripUpdate("tu-2",
                "{\"stopSequence\":9,\"stopId\":\"S9\",\"arrival\":{\"time\":\"1795849500\"}}")));
        StopPrediction prediction = predictions().get(0);
        assertThat(prediction.stopId()).isEqualTo("S9");
        assertThat(prediction.scheduled()).isNull();
        assertThat(prediction.delaySeconds()).isNull();
        assertThat(prediction.predicted()).isEqualTo(Instant.ofEpochSecond(1795849500L));
    }

    @Test
    void aStopTimeDeletedAsPostgresCapturesItLeavesItsTripsSchedule() {
        // The GTFS tables keep the default replica identity: a delete's before image is the primary key, the rest null.
        harness.input(PROPERTIES.cdcTopic(Schedule.STOP_TIMES)).pipeInput("{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":2}",
                change(Schedule.STOP_TIMES, "d", "{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":2,\"stop_id\":null,"
                        + "\"arrival_seconds\":null,\"departure_seconds\":null}", null, 7, HEADER.toEpochMilli()));

        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1",
                "{\"stopSequence\":1,\"arrival\":{\"delay\":60}}",
                "{\"stopId\":\"S2\",\"arrival\":{\"time\":\"" + S2(300) + "\"}}")));
        tripUpdates.pipeInput("metro:tu-3", entity("tu-3", HEADER, false, tripUpdate("tu-3",
                "{\"stopSequence\":2,\"arrival\":{\"time\":\"" + S2(120) + "\"}}")));

        // The stop time still there is still joined. The deleted one is known by neither its stop
        // nor its sequence, so those updates name no stop and make no prediction (before this was
        // handled, both found the deleted stop time and made one each).
        assertThat(predictions()).extracting(StopPrediction::stopSequence, StopPrediction::scheduled)
                .containsExactly(tuple(1, TransitFixtures.S1_SCHEDULED));
    }

    @Test
    void aStopTimeMovedToAnotherStopIsFoundByThatStopAndNoLongerByTheOld() {
        harness.input(PROPERTIES.cdcTopic(Schedule.STOP_TIMES)).pipeInput("{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":2}",
                change(Schedule.STOP_TIMES, "u", null, "{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":2,\"stop_id\":\"S3\","
                        + "\"arrival_seconds\":" + (8 * 3600 + 300) + ",\"departure_seconds\":" + (8 * 3600 + 300) + "}", 8, HEADER.toEpochMilli()));

        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1",
                "{\"stopId\":\"S2\",\"arrival\":{\"delay\":60}}",
                "{\"stopId\":\"S3\",\"arrival\":{\"delay\":90}}")));

        // S2 is no longer on the trip, and the update gives no sequence: nothing places it. S3 is the trip's second stop now.
        assertThat(predictions()).extracting(StopPrediction::stopId, StopPrediction::stopSequence, StopPrediction::scheduled, StopPrediction::delaySeconds)
                .containsExactly(tuple("S3", 2, TransitFixtures.S2_SCHEDULED, 90));
    }

    @Test
    void aStopTimeWhoseSequenceChangesLeavesItsOldSequenceInTheSameChange() {
        // An update that changes the primary key carries the old key in its before image.
        harness.input(PROPERTIES.cdcTopic(Schedule.STOP_TIMES)).pipeInput("{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":3}",
                change(Schedule.STOP_TIMES, "u", "{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":2,\"stop_id\":null,"
                        + "\"arrival_seconds\":null,\"departure_seconds\":null}", "{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":3,"
                        + "\"stop_id\":\"S2\",\"arrival_seconds\":" + (8 * 3600 + 300) + ",\"departure_seconds\":" + (8 * 3600 + 300) + "}",
                        8, HEADER.toEpochMilli()));

        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1",
                "{\"stopSequence\":2,\"arrival\":{\"delay\":60}}",
                "{\"stopId\":\"S2\",\"arrival\":{\"delay\":90}}")));

        // Sequence 2 is gone from the trip (its update names no stop, so nothing places it); S2 is found as sequence 3.
        assertThat(predictions()).extracting(StopPrediction::stopId, StopPrediction::stopSequence, StopPrediction::scheduled, StopPrediction::delaySeconds)
                .containsExactly(tuple("S2", 3, TransitFixtures.S2_SCHEDULED, 90));
    }

    @Test
    void aScheduleChangeIsJoinedFromTheNextTripUpdateOn() {
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":60}}")));
        // The stop is renamed and its stop time moved two minutes later, after the topology looked both up.
        harness.input(PROPERTIES.cdcTopic(Schedule.STOPS)).pipeInput("{\"feed_id\":\"metro\",\"stop_id\":\"S1\"}",
                change(Schedule.STOPS, "u", null, "{\"feed_id\":\"metro\",\"stop_id\":\"S1\",\"stop_name\":\"Main Street\",\"stop_lat\":52.52,"
                        + "\"stop_lon\":13.40,\"parent_station\":null}", 8, HEADER.toEpochMilli()));
        harness.input(PROPERTIES.cdcTopic(Schedule.STOP_TIMES)).pipeInput("{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":1}",
                change(Schedule.STOP_TIMES, "u", null, "{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":1,\"stop_id\":\"S1\","
                        + "\"arrival_seconds\":" + (8 * 3600 + 120) + ",\"departure_seconds\":" + (8 * 3600 + 120) + "}", 9, HEADER.toEpochMilli()));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(30), false, tripUpdate("tu-1",
                "{\"stopSequence\":1,\"arrival\":{\"delay\":120}}")));

        assertThat(predictions()).extracting(StopPrediction::stopName, StopPrediction::scheduled, StopPrediction::predicted)
                .containsExactly(tuple("Main St", TransitFixtures.S1_SCHEDULED, TransitFixtures.S1_SCHEDULED.plusSeconds(60)),
                        tuple("Main Street", TransitFixtures.S1_SCHEDULED.plusSeconds(120), TransitFixtures.S1_SCHEDULED.plusSeconds(240)));
    }

    @Test
    void vehiclesAreEnrichedPublishedWhenTheyMoveAndKeptInTheStateTopic() {
        vehicles.pipeInput("metro:v-bus-7", entity("v-bus-7", HEADER, false, vehicle("bus-7", "T1", 52.5200, 13.4000, "S1")));
        vehicles.pipeInput("metro:v-bus-7", entity("v-bus-7", HEADER.plusSeconds(30), false, vehicle("bus-7", "T1", 52.52001, 13.40001, "S1")));
        vehicles.pipeInput("metro:v-bus-7", entity("v-bus-7", HEADER.plusSeconds(60), false, vehicle("bus-7", "T1", 52.5210, 13.4000, "S1")));

        List<VehicleUpdate> updates = vehicleUpdates();
        assertThat(updates).extracting(VehicleUpdate::latitude).containsExactly(52.52, 52.521);
        assertThat(updates.get(0)).extracting(VehicleUpdate::routeId, VehicleUpdate::routeShortName, VehicleUpdate::headsign, VehicleUpdate::stopName)
                .containsExactly("42", "42", "Airport", "Main St");
        List<TestRecord<String, String>> states = harness.read(Topics.STATE_TRANSIT_VEHICLES);
        assertThat(states).extracting(TestRecord::key).containsOnly("vehicle-metro:bus-7").hasSize(2);
        assertThat(Json.MAPPER.readValue(states.get(0).value(), StateRecord.class).channels()).containsExactly(ROUTE_42);
    }

    @Test
    void aVehicleThatLeavesTheFeedOrServiceIsTakenOffItsRoute() {
        vehicles.pipeInput("metro:v-bus-7", entity("v-bus-7", HEADER, false, vehicle("bus-7", "T1", 52.52, 13.40, "S1")));
        vehicles.pipeInput("metro:v-bus-7", entity("v-bus-7", HEADER.plusSeconds(30), true, vehicle("bus-7", "T1", 52.52, 13.40, "S1")));
        vehicles.pipeInput("metro:v-bus-8", entity("v-bus-8", HEADER, false, vehicle("bus-8", "T1", 52.52, 13.40, "S1")));
        vehicles.pipeInput("metro:v-bus-8", entity("v-bus-8", HEADER.plusSeconds(30), false, vehicle("bus-8", null, 52.52, 13.40, "S1")));

        assertThat(vehicleUpdates()).extracting(VehicleUpdate::vehicleId, VehicleUpdate::removed)
                .containsExactly(tuple("bus-7", false), tuple("bus-7", true), tuple("bus-8", false), tuple("bus-8", true));
        assertThat(harness.read(Topics.STATE_TRANSIT_VEHICLES)).extracting(TestRecord::key, TestRecord::value)
                .contains(tuple("vehicle-metro:bus-7", null), tuple("vehicle-metro:bus-8", null));
    }

    @Test
    void theRouteSummaryCountsVehiclesAndTripsWithTheirMeanDelayAndShareOnTime() {
        vehicles.pipeInput("metro:v-bus-7", entity("v-bus-7", HEADER, false, vehicle("bus-7", "T1", 52.52, 13.40, "S1")));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":420}}")));

        List<RouteSummary> summaries = summaries();
        assertThat(summaries).extracting(RouteSummary::vehiclesInService, RouteSummary::tripsReporting, RouteSummary::meanDelaySeconds,
                RouteSummary::onTimeShare).containsExactly(tuple(1, 0, null, null), tuple(1, 1, 420.0, 0.0));
        assertThat(summaries.get(1).routeShortName()).isEqualTo("42");
        assertThat(harness.read(Topics.STATE_TRANSIT_ROUTES)).extracting(TestRecord::key).containsOnly("route-metro:42");

        // Back on time: the share changes; a small drift afterwards is not news.
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(30), false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":60}}")));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(60), false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":70}}")));
        assertThat(summaries()).extracting(RouteSummary::meanDelaySeconds, RouteSummary::onTimeShare).containsExactly(tuple(60.0, 1.0));
    }

    @Test
    void aChangeTooSmallToPublishStillCountsTowardsTheRoutesNextSummary() {
        // T2 is not in the schedule: the feed names its route.
        String t2 = "{\"id\":\"tu-2\",\"tripUpdate\":{\"trip\":{\"tripId\":\"T2\",\"routeId\":\"42\",\"startDate\":\"20261124\"},"
                + "\"stopTimeUpdate\":[{\"stopSequence\":1,\"stopId\":\"S1\",\"arrival\":{\"delay\":%d}}]}}";
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":0}}")));
        tripUpdates.pipeInput("metro:tu-2", entity("tu-2", HEADER.plusSeconds(30), false, t2.formatted(0)));
        // T1 at 40 s: the mean moves to 20 s, less than the threshold, so no summary goes out; the totals still change.
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(60), false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":40}}")));
        tripUpdates.pipeInput("metro:tu-2", entity("tu-2", HEADER.plusSeconds(90), false, t2.formatted(40)));

        assertThat(summaries()).extracting(RouteSummary::tripsReporting, RouteSummary::meanDelaySeconds)
                .containsExactly(tuple(1, 0.0), tuple(2, 0.0), tuple(2, 40.0));
    }

    @Test
    void aTripsDelayGoesToItsRouteSummaryWhenItMovedByTheThresholdOrAcrossOnTimeNotOnEveryPoll() {
        int[] delays = {0, 20, 40, 50, 290, 310, 310};
        for (int i = 0; i < delays.length; i++) {
            tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER.plusSeconds(30L * i), false,
                    tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":" + delays[i] + "}}")));
        }
        // 20 and 50 are within 30 s of what the summary was last told; 310 is 20 s past 290 but no longer on time.
        assertThat(observations()).extracting(RouteObservation::delaySeconds).containsExactly(0, 40, 290, 310);

        // Told nothing new for half the activity window, the summary is told again, so the trip stays in it.
        Instant halfAWindowOn = HEADER.plusSeconds(30L * delays.length).plus(PROPERTIES.transit().activityWindow().dividedBy(2));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", halfAWindowOn, false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":310}}")));
        assertThat(observations()).extracting(RouteObservation::delaySeconds, RouteObservation::observedAt).containsExactly(tuple(310, halfAWindowOn));
    }

    @Test
    void vehiclesAndTripsOutsideTheActivityWindowLeaveTheSummaryOnTheNextSweep() {
        vehicles.pipeInput("metro:v-bus-7", entity("v-bus-7", HEADER, false, vehicle("bus-7", "T1", 52.52, 13.40, "S1")));
        Instant later = HEADER.plus(PROPERTIES.transit().activityWindow()).plusSeconds(60);
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", later, false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":0}}")));
        assertThat(summaries()).extracting(RouteSummary::vehiclesInService, RouteSummary::tripsReporting).containsExactly(tuple(1, 0), tuple(1, 1));

        harness.advanceWallClock(RouteSummarizer.SWEEP_INTERVAL);
        assertThat(summaries()).extracting(RouteSummary::vehiclesInService, RouteSummary::tripsReporting).containsExactly(tuple(0, 1));
    }

    @Test
    void anAlertIsResolvedToItsRoutesAndStops() {
        alerts.pipeInput("metro:a-1", entity("a-1", HEADER, false, "{\"id\":\"a-1\",\"alert\":{\"informedEntity\":[{\"trip\":{\"tripId\":\"T1\"}},"
                + "{\"stopId\":\"S2\"}],\"cause\":\"CONSTRUCTION\",\"effect\":\"DETOUR\",\"activePeriod\":[{\"start\":\"1795849200\",\"end\":\"1795856400\"}],"
                + "\"headerText\":{\"translation\":[{\"text\":\"Umleitung\",\"language\":\"de\"},{\"text\":\"Detour\",\"language\":\"en\"}]}}}"));
        alerts.pipeInput("metro:a-1", entity("a-1", HEADER.plusSeconds(600), true, "{\"id\":\"a-1\",\"alert\":{\"informedEntity\":[{\"routeId\":\"42\"}]}}"));

        List<TestRecord<String, String>> live = harness.read(Topics.LIVE_TRANSIT);
        assertThat(live).extracting(TestRecord::key).containsExactly("transit.alerts", ROUTE_42, STOP_S2, "transit.alerts", ROUTE_42);
        AlertUpdate alert = Json.MAPPER.readValue(live.get(0).value(), AlertUpdate.class);
        assertThat(alert).extracting(AlertUpdate::header, AlertUpdate::cause, AlertUpdate::effect, AlertUpdate::routeIds, AlertUpdate::stopIds,
                AlertUpdate::activeFrom, AlertUpdate::activeUntil)
                .containsExactly("Detour", "CONSTRUCTION", "DETOUR", List.of("42"), List.of("S2"), Instant.ofEpochSecond(1795849200L),
                        Instant.ofEpochSecond(1795856400L));
        assertThat(header(live.get(3), "ce_type")).isEqualTo("dev.signalbox.transit.alert-removed");
    }

    @Test
    void anOperatorsAlertGoesToTheSameChannelsOnceEvenWhenReDelivered() {
        TestInputTopic<String, String> operatorAlerts = harness.input(PROPERTIES.cdcTopic(TransitTopology.OPERATOR_ALERTS));
        String row = "{\"id\":3,\"cause\":\"STRIKE\",\"effect\":\"NO_SERVICE\",\"header\":\"No trams\",\"description\":null,"
                + "\"active_from\":\"2026-11-24T05:00:00Z\",\"active_until\":null,\"route_ids\":[\"42\"],\"stop_ids\":[]}";
        operatorAlerts.pipeInput(key(3), change("transit_alerts", "c", null, row, 900, 1795849200000L));
        operatorAlerts.pipeInput(key(3), change("transit_alerts", "c", null, row, 900, 1795849200000L));

        List<TestRecord<String, String>> live = harness.read(Topics.LIVE_TRANSIT);
        assertThat(live).extracting(TestRecord::key).containsExactly("transit.alerts", "transit.route.demo_3a42");
        assertThat(Json.MAPPER.readValue(live.get(0).value(), AlertUpdate.class))
                .extracting(AlertUpdate::feedId, AlertUpdate::source, AlertUpdate::header, AlertUpdate::activeFrom)
                .containsExactly("demo", "operator", "No trams", Instant.parse("2026-11-24T05:00:00Z"));
    }

    @Test
    void poisonPillsGoToTheDeadLetterTopicAndTheNextEntityStillFlows() {
        // A record as ingest wrote them before the feed topics carried protobuf.
        tripUpdates.pipeInput("metro:x", "{\"feedId\":\"metro\",\"entityId\":\"x\",\"entity\":{}}".getBytes(StandardCharsets.UTF_8));
        tripUpdates.pipeInput("metro:y", entity("y", HEADER, false, "{\"id\":\"y\",\"vehicle\":{}}"));
        vehicles.pipeInput("metro:z", entity("z", HEADER, false, "{\"id\":\"z\",\"vehicle\":{\"trip\":{\"tripId\":\"T1\"}}}"));
        tripUpdates.pipeInput("metro:tu-1", entity("tu-1", HEADER, false, tripUpdate("tu-1", "{\"stopSequence\":1,\"arrival\":{\"delay\":0}}")));

        List<TestRecord<String, String>> rejected = harness.read(Topics.DLQ_PROCESSOR);
        assertThat(rejected).extracting(TestRecord::key).containsExactly("metro:x", "metro:y", "metro:z");
        assertThat(rejected).extracting(record -> header(record, "signalbox.error"))
                .satisfies(errors -> {
                    assertThat(errors.get(1)).contains("no tripUpdate");
                    assertThat(errors.get(2)).contains("no position");
                });
        assertThat(header(rejected.get(0), "signalbox.source.topic")).isEqualTo(Topics.FEED_TRIP_UPDATES);
        assertThat(predictions()).hasSize(1);
    }

    @Test
    void theTopologyNamesEveryNode() {
        StreamsBuilder builder = new StreamsBuilder();
        new TransitTopology(PROPERTIES).build(builder);
        String description = builder.build().describe().toString();
        assertThat(description).contains("gtfs_stop_times-source", "route-trip-updates", "route-vehicles", "transit-by-route",
                "summarize-routes", "route-feed-alerts", "route-operator-alerts", "trip-updates-live-sink", "vehicles-state-sink",
                "route-summaries-state-sink", "feed-alerts-dead-letter-sink");
        assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+");
    }

    private List<StopPrediction> predictions() {
        return harness.read(Topics.LIVE_TRANSIT).stream().filter(record -> record.key().startsWith("transit.stop."))
                .map(record -> Json.MAPPER.readValue(record.value(), StopPrediction.class)).toList();
    }

    private List<VehicleUpdate> vehicleUpdates() {
        return harness.read(Topics.LIVE_TRANSIT).stream().filter(record -> header(record, "ce_type").contains("vehicle"))
                .map(record -> Json.MAPPER.readValue(record.value(), VehicleUpdate.class)).toList();
    }

    private List<RouteSummary> summaries() {
        return harness.read(Topics.LIVE_TRANSIT).stream().filter(record -> header(record, "ce_type").endsWith("route-summary"))
                .map(record -> Json.MAPPER.readValue(record.value(), RouteSummary.class)).toList();
    }

    /** What the route summary was told, as its repartition topic carries it. */
    private List<RouteObservation> observations() {
        return harness.readValues("topology-test-transit-by-route-repartition", new StateSerde<>(RouteObservation.class).deserializer());
    }

    private static long S2(int delay) {
        return TransitFixtures.S2_SCHEDULED.getEpochSecond() + delay;
    }
}
