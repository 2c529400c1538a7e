package dev.signalbox.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TimeRange;
import com.google.transit.realtime.GtfsRealtime.TranslatedString;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;

/**
 * DEMO SHORTCUT (the simulator is for demos and tests, never an agency's real data): the live state
 * of a simulated network at a given instant, as a FULL_DATASET GTFS-Realtime message. Every trip runs
 * every day (calendars are ignored, so an old sample feed still moves), vehicles move in straight
 * lines between their stops, and each trip's delay drifts smoothly around a level of its own. The
 * state is a pure function of the instant, so every instance and every test agrees on it.
 */
final class FeedSimulator {

    /** Delays swing by this much either side of a trip's own level, over {@link #DRIFT_PERIOD_SECONDS}. */
    private static final int DRIFT_SECONDS = 150;
    private static final int DRIFT_PERIOD_SECONDS = 1200;
    private static final DateTimeFormatter SERVICE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private FeedSimulator() {
    }

    static FeedMessage at(SimulatedNetwork network, Instant now, Duration alertInterval) {
        FeedMessage.Builder feed = FeedMessage.newBuilder().setHeader(FeedHeader.newBuilder()
                .setGtfsRealtimeVersion("2.0")
                .setIncrementality(FeedHeader.Incrementality.FULL_DATASET)
                .setTimestamp(now.getEpochSecond()));
        ZonedDateTime local = now.atZone(network.zone());
        LocalDate today = local.toLocalDate();
        int secondsToday = local.toLocalTime().toSecondOfDay();
        for (SimulatedNetwork.Trip trip : network.trips()) {
            // A trip of yesterday's service day may still run past midnight (GTFS times past 24:00).
            for (int dayBack = 0; dayBack <= 1; dayBack++) {
                int serviceSeconds = secondsToday + dayBack * 86_400;
                int delay = delay(trip.tripId(), now.getEpochSecond());
                int scheduledNow = serviceSeconds - delay;
                if (scheduledNow >= trip.firstDeparture() && scheduledNow < trip.lastArrival()) {
                    LocalDate serviceDay = today.minusDays(dayBack);
                    addTrip(feed, trip, serviceDay, scheduledNow, delay, now, network);
                }
            }
        }
        addAlert(feed, network.routes(), now, alertInterval);
        return feed.build();
    }

    private static void addTrip(FeedMessage.Builder feed, SimulatedNetwork.Trip trip, LocalDate serviceDay, int scheduledNow, int delay,
                                Instant now, SimulatedNetwork network) {
        String serviceDate = serviceDay.format(SERVICE_DATE);
        long midnight = serviceDay.atStartOfDay(network.zone()).toEpochSecond();
        TripDescriptor descriptor = TripDescriptor.newBuilder().setTripId(trip.tripId()).setRouteId(trip.routeId()).setStartDate(serviceDate)
                .setScheduleRelationship(TripDescriptor.ScheduleRelationship.SCHEDULED).build();
        VehicleDescriptor vehicle = VehicleDescriptor.newBuilder().setId("sim-" + trip.tripId()).setLabel(trip.routeId()).build();
        List<SimulatedNetwork.Call> calls = trip.calls();
        int next = 1;
        while (next < calls.size() - 1 && calls.get(next).arrival() <= scheduledNow) {
            next++;
        }
        SimulatedNetwork.Call from = calls.get(next - 1);
        SimulatedNetwork.Call to = calls.get(next);
        VehiclePosition.Builder position = VehiclePosition.newBuilder().setTrip(descriptor).setVehicle(vehicle).setTimestamp(now.getEpochSecond());
        if (scheduledNow < from.departure()) {
            position.setPosition(Position.newBuilder().setLatitude((float) from.latitude()).setLongitude((float) from.longitude()))
                    .setStopId(from.stopId()).setCurrentStopSequence(from.sequence())
                    .setCurrentStatus(VehiclePosition.VehicleStopStatus.STOPPED_AT);
        } else {
            double share = Math.min(1, (scheduledNow - from.departure()) / (double) Math.max(1, to.arrival() - from.departure()));
            position.setPosition(Position.newBuilder()
                            .setLatitude((float) (from.latitude() + (to.latitude() - from.latitude()) * share))
                            .setLongitude((float) (from.longitude() + (to.longitude() - from.longitude()) * share)))
                    .setStopId(to.stopId()).setCurrentStopSequence(to.sequence())
                    .setCurrentStatus(VehiclePosition.VehicleStopStatus.IN_TRANSIT_TO);
        }
        feed.addEntity(FeedEntity.newBuilder().setId("vehicle-" + trip.tripId()).setVehicle(position));

        TripUpdate.Builder update = TripUpdate.newBuilder().setTrip(descriptor).setVehicle(vehicle).setTimestamp(now.getEpochSecond()).setDelay(delay);
        for (int i = scheduledNow < from.departure() ? next - 1 : next; i < calls.size(); i++) {
            SimulatedNetwork.Call call = calls.get(i);
            update.addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder()
                    .setStopSequence(call.sequence())
                    .setStopId(call.stopId())
                    .setArrival(TripUpdate.StopTimeEvent.newBuilder().setDelay(delay).setTime(midnight + call.arrival() + delay))
                    .setDeparture(TripUpdate.StopTimeEvent.newBuilder().setDelay(delay).setTime(midnight + call.departure() + delay)));
        }
        feed.addEntity(FeedEntity.newBuilder().setId("trip-" + trip.tripId() + "-" + serviceDate).setTripUpdate(update));
    }

    /** A trip's delay now: its own level (−1 to +4 minutes) plus a slow swing, in whole seconds. */
    static int delay(String tripId, long epochSecond) {
        int hash = tripId.hashCode();
        int level = Math.floorMod(hash, 300) - 60;
        double phase = Math.floorMod(hash >>> 8, 1000) / 1000.0 * 2 * Math.PI;
        return level + (int) Math.round(DRIFT_SECONDS * Math.sin(2 * Math.PI * epochSecond / DRIFT_PERIOD_SECONDS + phase));
    }

    /** Every alert interval, one route in turn has a delay alert for the first third of it. */
    private static void addAlert(FeedMessage.Builder feed, List<String> routes, Instant now, Duration alertInterval) {
        long interval = Math.max(3, alertInterval.toSeconds());
        long bucket = Math.floorDiv(now.getEpochSecond(), interval);
        long start = bucket * interval;
        if (routes.isEmpty() || now.getEpochSecond() >= start + interval / 3) {
            return;
        }
        String route = routes.get((int) Math.floorMod(bucket, (long) routes.size()));
        feed.addEntity(FeedEntity.newBuilder().setId("alert-" + bucket).setAlert(Alert.newBuilder()
                .addActivePeriod(TimeRange.newBuilder().setStart(start).setEnd(start + interval / 3))
                .addInformedEntity(EntitySelector.newBuilder().setRouteId(route))
                .setCause(Alert.Cause.TECHNICAL_PROBLEM)
                .setEffect(Alert.Effect.SIGNIFICANT_DELAYS)
                .setHeaderText(text("Delays on route " + route))
                .setDescriptionText(text("A signal fault slows trains on route " + route + ". (Simulated for the demo.)"))));
    }

    private static TranslatedString text(String text) {
        return TranslatedString.newBuilder().addTranslation(TranslatedString.Translation.newBuilder().setText(text).setLanguage("en")).build();
    }
}
