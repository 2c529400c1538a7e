package dev.signalbox.processor.transit;

import static dev.signalbox.processor.testing.Changes.change;

import java.time.Instant;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.transit.realtime.GtfsRealtime;

import dev.signalbox.events.transit.FeedEntity;
import dev.signalbox.processor.ProcessorProperties;

/**
 * A small schedule of feed {@code metro} (Europe/Berlin): route 42 "Airport" with trip T1 calling at
 * S1 "Main St" at 08:00 and S2 "Park" at 08:05, and GTFS-Realtime entities written in protobuf's JSON mapping.
 */
public final class TransitFixtures {

    static final String FEED = "metro";
    static final String SERVICE_DATE = "20261124";
    /** 08:00 in Berlin on the service date. */
    static final Instant S1_SCHEDULED = Instant.parse("2026-11-24T07:00:00Z");
    static final Instant S2_SCHEDULED = Instant.parse("2026-11-24T07:05:00Z");
    private static final long COMMITTED = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();

    private TransitFixtures() {
    }

    /** Writes the schedule's captured rows: {@code send(topic, key, value)}. */
    public static void schedule(ProcessorProperties properties, TopicWriter send) {
        send.write(properties.cdcTopic(Schedule.AGENCY), "{\"feed_id\":\"metro\",\"agency_id\":\"\"}",
                change(Schedule.AGENCY, "r", null, "{\"feed_id\":\"metro\",\"agency_id\":\"\",\"agency_name\":\"Metro\",\"agency_timezone\":\"Europe/Berlin\"}", 1, COMMITTED));
        send.write(properties.cdcTopic(Schedule.ROUTES), "{\"feed_id\":\"metro\",\"route_id\":\"42\"}",
                change(Schedule.ROUTES, "r", null, "{\"feed_id\":\"metro\",\"route_id\":\"42\",\"agency_id\":null,\"route_short_name\":\"42\",\"route_long_name\":\"Airport Line\",\"route_type\":3,\"route_color\":null}", 2, COMMITTED));
        stop(properties, send, "S1", "Main St", 52.52, 13.40);
        stop(properties, send, "S2", "Park", 52.53, 13.41);
        send.write(properties.cdcTopic(Schedule.TRIPS), "{\"feed_id\":\"metro\",\"trip_id\":\"T1\"}",
                change(Schedule.TRIPS, "r", null, "{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"route_id\":\"42\",\"service_id\":\"WD\",\"trip_headsign\":\"Airport\",\"direction_id\":0,\"shape_id\":null}", 5, COMMITTED));
        stopTime(properties, send, 1, "S1", 8 * 3600);
        stopTime(properties, send, 2, "S2", 8 * 3600 + 300);
    }

    private static void stop(ProcessorProperties properties, TopicWriter send, String id, String name, double lat, double lon) {
        send.write(properties.cdcTopic(Schedule.STOPS), "{\"feed_id\":\"metro\",\"stop_id\":\"" + id + "\"}",
                change(Schedule.STOPS, "r", null, "{\"feed_id\":\"metro\",\"stop_id\":\"" + id + "\",\"stop_name\":\"" + name + "\",\"stop_lat\":" + lat
                        + ",\"stop_lon\":" + lon + ",\"parent_station\":null}", 3, COMMITTED));
    }

    private static void stopTime(ProcessorProperties properties, TopicWriter send, int sequence, String stop, int seconds) {
        send.write(properties.cdcTopic(Schedule.STOP_TIMES), "{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":" + sequence + "}",
                change(Schedule.STOP_TIMES, "r", null, "{\"feed_id\":\"metro\",\"trip_id\":\"T1\",\"stop_sequence\":" + sequence + ",\"stop_id\":\"" + stop
                        + "\",\"arrival_seconds\":" + seconds + ",\"departure_seconds\":" + seconds + "}", 6, COMMITTED));
    }

    /**
     * A feed entity record's value as ingest publishes it, from the entity in protobuf's JSON mapping
     * (written so for legibility; the record carries protobuf).
     */
    public static byte[] entity(String entityId, Instant headerTime, boolean removed, String entityJson) {
        GtfsRealtime.FeedEntity.Builder entity = GtfsRealtime.FeedEntity.newBuilder();
        try {
            JsonFormat.parser().merge(entityJson, entity);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a FeedEntity in protobuf's JSON mapping: " + entityJson, e);
        }
        if (!entity.getId().equals(entityId)) {
            throw new IllegalArgumentException("the entity's id is " + entity.getId() + ", not " + entityId);
        }
        byte[] header = FeedEntity.headerField("2.0", headerTime);
        return removed ? FeedEntity.removal(header, entity.buildPartial()) : FeedEntity.value(header, entity.buildPartial().toByteArray());
    }

    /** A trip update of T1 with the given stop time updates (JSON objects). */
    public static String tripUpdate(String entityId, String... stopTimeUpdates) {
        return "{\"id\":\"" + entityId + "\",\"tripUpdate\":{\"trip\":{\"tripId\":\"T1\",\"startDate\":\"" + SERVICE_DATE
                + "\",\"scheduleRelationship\":\"SCHEDULED\"},\"vehicle\":{\"id\":\"bus-7\"},\"stopTimeUpdate\":[" + String.join(",", stopTimeUpdates) + "]}}";
    }

    public static String vehicle(String vehicleId, String tripId, double lat, double lon, String stopId) {
        return "{\"id\":\"v-" + vehicleId + "\",\"vehicle\":{\"trip\":" + (tripId == null ? "{}" : "{\"tripId\":\"" + tripId + "\"}")
                + ",\"vehicle\":{\"id\":\"" + vehicleId + "\",\"label\":\"7\"},\"position\":{\"latitude\":" + lat + ",\"longitude\":" + lon
                + ",\"bearing\":90.0},\"stopId\":\"" + stopId + "\",\"currentStatus\":\"IN_TRANSIT_TO\"}}";
    }

    @FunctionalInterface
    public interface TopicWriter {
        void write(String topic, String key, String value);
    }
}
