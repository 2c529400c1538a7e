package dev.signalbox.ingest.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;

/**
 * Checks fetched feeds against {@link Rule}s: a header against the previous fetch of the same feed,
 * an entity on its own and against the feed's imported schedule. Pure: the caller keeps the previous
 * header and hands in the schedule index and the clock.
 */
final class FeedValidator {

    /** The last fetch accepted, for the rules that compare fetches. */
    record PreviousHeader(long timestamp, byte[] body) {
    }

    /**
     * What the header checks found.
     *
     * @param headerTime the feed's time: its header timestamp, or the fetch time when there is none
     * @param rule       the rule that rejects the whole fetch, or null when it may be used
     */
    record HeaderVerdict(Instant headerTime, Rule rule, String detail) {
    }

    /** An entity refused, with the first rule it broke. */
    record Rejected(FeedEntity entity, Rule rule, String detail) {
    }

    private FeedValidator() {
    }

    /** Checks a fetch's header against the previous fetch's; every hit is added to {@code hits}. */
    static HeaderVerdict header(RawFeed feed, PreviousHeader previous, Instant fetchedAt, Duration staleAfter, Map<Rule, Integer> hits) {
        FeedHeader header = feed.header();
        if (!header.hasTimestamp() || header.getTimestamp() == 0) {
            count(hits, Rule.E048);
            return new HeaderVerdict(fetchedAt, null, null);
        }
        long timestamp = header.getTimestamp();
        Instant headerTime = Instant.ofEpochSecond(timestamp);
        if (previous != null && timestamp < previous.timestamp()) {
            count(hits, Rule.E018);
            return new HeaderVerdict(headerTime, Rule.E018, "header timestamp " + timestamp + " is older than the previous " + previous.timestamp());
        }
        if (previous != null && timestamp == previous.timestamp() && !Arrays.equals(feed.body(), previous.body())) {
            count(hits, Rule.E017);
        }
        if (Duration.between(headerTime, fetchedAt).compareTo(staleAfter) > 0) {
            count(hits, Rule.W008);
        }
        return new HeaderVerdict(headerTime, null, null);
    }

    /**
     * Checks one entity on its own and against the feed's schedule.
     *
     * @return the first error, or null when the entity may flow (its warnings added to {@code hits})
     */
    static Rejected entity(FeedEntity entity, StaticFeedIndex schedule, long headerSeconds, Map<Rule, Integer> hits) {
        Rejected problem = check(entity, schedule, headerSeconds, hits);
        if (problem != null) {
            count(hits, problem.rule());
        }
        return problem;
    }

    /** The first entity error, or null when the entity may flow (its warnings counted in {@code hits}). */
    private static Rejected check(FeedEntity entity, StaticFeedIndex schedule, long header, Map<Rule, Integer> hits) {
        if (!entity.isInitialized()) {
            return new Rejected(entity, Rule.INCOMPLETE, "missing " + String.join(", ", entity.findInitializationErrors()));
        }
        if (entity.hasTripUpdate()) {
            Rejected problem = checkTripUpdate(entity, entity.getTripUpdate(), schedule, header, hits);
            if (problem != null) {
                return problem;
            }
        }
        if (entity.hasVehicle()) {
            Rejected problem = checkVehicle(entity, entity.getVehicle(), schedule, header, hits);
            if (problem != null) {
                return problem;
            }
        }
        if (entity.hasAlert()) {
            return checkAlert(entity, entity.getAlert(), schedule, hits);
        }
        return null;
    }

    private static Rejected checkTripUpdate(FeedEntity entity, TripUpdate update, StaticFeedIndex schedule, long header, Map<Rule, Integer> hits) {
        if (update.hasTimestamp() && update.getTimestamp() > header) {
            count(hits, Rule.E012);
        }
        Rejected trip = checkTrip(entity, update.getTrip(), schedule);
        if (trip != null) {
            return trip;
        }
        long previousSequence = -1;
        for (TripUpdate.StopTimeUpdate stopTime : update.getStopTimeUpdateList()) {
            if (stopTime.hasStopSequence()) {
                if (stopTime.getStopSequence() <= previousSequence) {
                    return new Rejected(entity, Rule.E002, "stop_sequence " + stopTime.getStopSequence() + " follows " + previousSequence);
                }
                previousSequence = stopTime.getStopSequence();
            }
            if (stopTime.hasStopId() && !schedule.isEmpty() && !schedule.hasStop(stopTime.getStopId())) {
                count(hits, Rule.E011);
            }
        }
        return null;
    }

    private static Rejected checkVehicle(FeedEntity entity, VehiclePosition vehicle, StaticFeedIndex schedule, long header, Map<Rule, Integer> hits) {
        if (vehicle.hasTimestamp() && vehicle.getTimestamp() > header) {
            count(hits, Rule.E012);
        }
        if (vehicle.hasTrip()) {
            Rejected trip = checkTrip(entity, vehicle.getTrip(), schedule);
            if (trip != null) {
                return trip;
            }
        }
        if (vehicle.hasPosition()) {
            float latitude = vehicle.getPosition().getLatitude();
            float longitude = vehicle.getPosition().getLongitude();
            if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180) || (latitude == 0 && longitude == 0)) {
                return new Rejected(entity, Rule.E026, "position " + latitude + ", " + longitude);
            }
            if (!schedule.isEmpty() && !schedule.covers(latitude, longitude)) {
                count(hits, Rule.E028);
            }
        }
        if (vehicle.hasStopId() && !schedule.isEmpty() && !schedule.hasStop(vehicle.getStopId())) {
            count(hits, Rule.E011);
        }
        return null;
    }

    private static Rejected checkAlert(FeedEntity entity, Alert alert, StaticFeedIndex schedule, Map<Rule, Integer> hits) {
        if (alert.getInformedEntityCount() == 0) {
            return new Rejected(entity, Rule.E032, "no informed_entity");
        }
        if (!schedule.isEmpty()) {
            for (EntitySelector informed : alert.getInformedEntityList()) {
                if (informed.hasRouteId() && !schedule.hasRoute(informed.getRouteId())) {
                    count(hits, Rule.E004);
                }
                if (informed.hasStopId() && !schedule.hasStop(informed.getStopId())) {
                    count(hits, Rule.E011);
                }
                if (informed.hasTrip() && informed.getTrip().hasTripId() && !schedule.hasTrip(informed.getTrip().getTripId())) {
                    count(hits, Rule.E003);
                }
            }
        }
        return null;
    }

    /** A trip the schedule does not know is unusable, unless the feed says it was added to the schedule. */
    private static Rejected checkTrip(FeedEntity entity, TripDescriptor trip, StaticFeedIndex schedule) {
        if (schedule.isEmpty()) {
            return null;
        }
        boolean added = trip.getScheduleRelationship() == TripDescriptor.ScheduleRelationship.ADDED
                || trip.getScheduleRelationship() == TripDescriptor.ScheduleRelationship.UNSCHEDULED
                || trip.getScheduleRelationship() == TripDescriptor.ScheduleRelationship.DUPLICATED;
        if (trip.hasTripId() && !added && !schedule.hasTrip(trip.getTripId())) {
            return new Rejected(entity, Rule.E003, "trip_id '" + trip.getTripId() + "'");
        }
        if (trip.hasRouteId() && !schedule.hasRoute(trip.getRouteId())) {
            return new Rejected(entity, Rule.E004, "route_id '" + trip.getRouteId() + "'");
        }
        return null;
    }

    private static void count(Map<Rule, Integer> hits, Rule rule) {
        hits.merge(rule, 1, Integer::sum);
    }
}
