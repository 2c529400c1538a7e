package dev.signalbox.processor.transit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.capture.Rows;
import dev.signalbox.processor.state.StateSerde;
import tools.jackson.databind.JsonNode;

/**
 * The GTFS static schedule as global stores, built from the captured {@code gtfs_*} tables: every
 * instance holds all of it, so trip updates, vehicles and alerts meet their routes, trips, stops
 * and scheduled times without repartitioning. A schedule's ids are unique within a feed only, so
 * every key starts with the feed id.
 */
final class Schedule {

    static final String AGENCY = "gtfs_agency";
    static final String ROUTES = "gtfs_routes";
    static final String STOPS = "gtfs_stops";
    static final String TRIPS = "gtfs_trips";
    static final String STOP_TIMES = "gtfs_stop_times";

    static final String TIME_ZONES_STORE = "transit-time-zones";
    static final String ROUTES_STORE = "transit-routes";
    static final String STOPS_STORE = "transit-stops";
    static final String TRIPS_STORE = "transit-trips";
    static final String STOP_TIMES_STORE = "transit-stop-times";

    static final List<String> STORES = List.of(TIME_ZONES_STORE, ROUTES_STORE, STOPS_STORE, TRIPS_STORE, STOP_TIMES_STORE);

    private static final char SEPARATOR = '\u001f';
    private static final DateTimeFormatter SERVICE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * How many lookups a processor remembers per store before it starts over: room for the trips,
     * and the stop times they name, of a large feed's trips in service on its partitions; each is
     * a key and a small decoded record.
     */
    private static final int REMEMBERED_PER_STORE = 50_000;

    private final Remembered<String> timeZones;
    private final Remembered<ScheduleRefs.RouteRef> routes;
    private final Remembered<ScheduleRefs.StopRef> stops;
    private final Remembered<ScheduleRefs.TripRef> trips;
    private final Remembered<ScheduleRefs.ScheduledStop> stopTimes;
    private final Changes changes;
    private String lastZoneName;
    private ZoneId lastZone;

    private Schedule(ProcessorContext<?, ?> context, Changes changes) {
        this.changes = changes;
        timeZones = new Remembered<>(context.getStateStore(TIME_ZONES_STORE));
        routes = new Remembered<>(context.getStateStore(ROUTES_STORE));
        stops = new Remembered<>(context.getStateStore(STOPS_STORE));
        trips = new Remembered<>(context.getStateStore(TRIPS_STORE));
        stopTimes = new Remembered<>(context.getStateStore(STOP_TIMES_STORE));
    }

    /**
     * The schedule as one processor sees it. A processor is used by one thread, so what it
     * remembers of the schedule needs no locking; it forgets all of it whenever the schedule changed.
     */
    static Schedule of(ProcessorContext<?, ?> context, Changes changes) {
        return new Schedule(context, changes);
    }

    /**
     * Counts the changes the loaders wrote to the schedule's stores. Processors remember what they
     * looked up (a global store's {@code get} is a RocksDB read and a decode, several per trip
     * update) until the count moves.
     */
    static final class Changes {

        private final AtomicLong count = new AtomicLong();

        /** Called after the store was written, so a reader that sees the new count reads the new value. */
        void changed() {
            count.incrementAndGet();
        }

        long count() {
            return count.get();
        }
    }

    /**
     * Adds the five global stores and the processors that load them from the captured tables.
     *
     * @return what the loaders count their changes in, for {@link #of}
     */
    static Changes addTo(StreamsBuilder builder, ProcessorProperties properties) {
        Changes changes = new Changes();
        builder.addGlobalStore(store(TIME_ZONES_STORE, Serdes.String()), properties.cdcTopic(AGENCY), source(AGENCY),
                () -> new ScheduleLoader<>(TIME_ZONES_STORE, changes,
                        // GTFS requires every agency of a feed to share one time zone: the feed's zone.
                        row -> List.of(Rows.text(row, "feed_id")),
                        row -> ZoneId.of(Rows.text(row, "agency_timezone")).getId()));
        builder.addGlobalStore(store(ROUTES_STORE, new StateSerde<>(ScheduleRefs.RouteRef.class)), properties.cdcTopic(ROUTES), source(ROUTES),
                () -> new ScheduleLoader<>(ROUTES_STORE, changes,
                        row -> List.of(key(Rows.text(row, "feed_id"), Rows.text(row, "route_id"))),
                        row -> new ScheduleRefs.RouteRef(Rows.optionalText(row, "route_short_name"), Rows.optionalText(row, "route_long_name"),
                                row.path("route_type").asInt(3))));
        builder.addGlobalStore(store(STOPS_STORE, new StateSerde<>(ScheduleRefs.StopRef.class)), properties.cdcTopic(STOPS), source(STOPS),
                () -> new ScheduleLoader<>(STOPS_STORE, changes,
                        row -> List.of(key(Rows.text(row, "feed_id"), Rows.text(row, "stop_id"))),
                        row -> new ScheduleRefs.StopRef(Rows.optionalText(row, "stop_name"), optionalDouble(row, "stop_lat"),
                                optionalDouble(row, "stop_lon"))));
        builder.addGlobalStore(store(TRIPS_STORE, new StateSerde<>(ScheduleRefs.TripRef.class)), properties.cdcTopic(TRIPS), source(TRIPS),
                () -> new ScheduleLoader<>(TRIPS_STORE, changes,
                        row -> List.of(key(Rows.text(row, "feed_id"), Rows.text(row, "trip_id"))),
                        row -> new ScheduleRefs.TripRef(Rows.text(row, "route_id"), Rows.optionalText(row, "trip_headsign"),
                                row.hasNonNull("direction_id") ? row.get("direction_id").asInt() : null, Rows.optionalText(row, "service_id"))));
        builder.addGlobalStore(store(STOP_TIMES_STORE, new StateSerde<>(ScheduleRefs.ScheduledStop.class)), properties.cdcTopic(STOP_TIMES),
                source(STOP_TIMES),
                () -> new ScheduleLoader<>(STOP_TIMES_STORE, changes,
                        // A stop time update names its stop by sequence, by stop id, or both: keep both ways in.
                        row -> {
                            String feed = Rows.text(row, "feed_id");
                            String trip = Rows.text(row, "trip_id");
                            return List.of(bySequence(feed, trip, (int) Rows.number(row, "stop_sequence")),
                                    byStop(feed, trip, Rows.text(row, "stop_id")));
                        },
                        // A delete names the stop time by its primary key only: its stop is the stored one's.
                        (before, stored) -> {
                            String feed = Rows.text(before, "feed_id");
                            String trip = Rows.text(before, "trip_id");
                            String sequenceKey = bySequence(feed, trip, (int) Rows.number(before, "stop_sequence"));
                            ScheduleRefs.ScheduledStop held = stored.get(sequenceKey);
                            return held == null ? List.of(sequenceKey) : List.of(sequenceKey, byStop(feed, trip, held.stopId()));
                        },
                        row -> new ScheduleRefs.ScheduledStop((int) Rows.number(row, "stop_sequence"), Rows.text(row, "stop_id"),
                                row.hasNonNull("arrival_seconds") ? row.get("arrival_seconds").asInt() : null,
                                row.hasNonNull("departure_seconds") ? row.get("departure_seconds").asInt() : null)));
        return changes;
    }

    ScheduleRefs.RouteRef route(String feed, String routeId) {
        return routeId == null ? null : routes.get(key(feed, routeId));
    }

    ScheduleRefs.StopRef stop(String feed, String stopId) {
        return stopId == null ? null : stops.get(key(feed, stopId));
    }

    ScheduleRefs.TripRef trip(String feed, String tripId) {
        return tripId == null ? null : trips.get(key(feed, tripId));
    }

    /** The trip's scheduled stop by sequence if given, else by stop id. */
    ScheduleRefs.ScheduledStop stopTime(String feed, String tripId, Integer stopSequence, String stopId) {
        if (tripId == null) {
            return null;
        }
        if (stopSequence != null) {
            return stopTimes.get(bySequence(feed, tripId, stopSequence));
        }
        return stopId == null ? null : stopTimes.get(byStop(feed, tripId, stopId));
    }

    /**
     * One store's lookups, remembered decoded (an absent key too) while the schedule does not
     * change. Sound without locks against the loader on the global thread: the count is read before
     * the store, and the loader moves it after writing, so a value read before a write is forgotten
     * at the next lookup.
     */
    private final class Remembered<V> {

        private static final Object ABSENT = new Object();

        private final KeyValueStore<String, V> store;
        /**
         * Replaced, not cleared, to forget: {@code clear()} walks the whole table, which keeps its largest size,
         * and while a schedule import writes the stores that would be once per lookup.
         */
        private Map<String, Object> values = new HashMap<>();
        private long seenChanges = -1;

        Remembered(KeyValueStore<String, V> store) {
            this.store = store;
        }

        @SuppressWarnings("unchecked")
        V get(String key) {
            long count = changes.count();
            if (count != seenChanges) {
                values = new HashMap<>();
                seenChanges = count;
            }
            Object value = values.get(key);
            if (value == null) {
                V stored = store.get(key);
                if (values.size() >= REMEMBERED_PER_STORE) {
                    values = new HashMap<>(); // starting over is simpler than evicting and, at this size, rare
                }
                values.put(key, stored == null ? ABSENT : stored);
                return stored;
            }
            return value == ABSENT ? null : (V) value;
        }
    }

    /** The feed's time zone (its agencies'), UTC when the schedule has none. */
    ZoneId zone(String feed) {
        String zone = timeZones.get(feed);
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (!zone.equals(lastZoneName)) {
            // A processor sees one feed, or a few, nearly always: remember the last zone rather than look it up per trip update.
            lastZone = ZoneId.of(zone);
            lastZoneName = zone;
        }
        return lastZone;
    }

    /**
     * The instant a service day's times count from. GTFS measures them from "noon minus 12 hours"
     * of the service date in the agency's zone, which is midnight except on daylight-saving days.
     * A stop time {@code s} seconds into the day is this plus {@code s}.
     */
    static Instant serviceDayStart(ZoneId zone, String serviceDate) {
        return serviceDate(serviceDate).atTime(12, 0).atZone(zone).minusHours(12).toInstant();
    }

    /**
     * A GTFS date (YYYYMMDD), read by hand when it is eight digits: the formatter's general parser
     * was most of a stop's schedule time, and every stop of every trip update needs one.
     */
    static LocalDate serviceDate(String text) {
        if (text.length() == 8) {
            int value = 0;
            for (int i = 0; i < 8; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return LocalDate.parse(text, SERVICE_DATE); // not digits: the formatter says what is wrong
                }
                value = value * 10 + (c - '0');
            }
            return LocalDate.of(value / 10_000, value / 100 % 100, value % 100); // a DateTimeException if no such day
        }
        return LocalDate.parse(text, SERVICE_DATE);
    }

    /** The service date (YYYYMMDD) an instant falls on in the zone, for trips that do not say theirs. */
    static String serviceDate(ZoneId zone, Instant at) {
        return at.atZone(zone).toLocalDate().format(SERVICE_DATE);
    }

    static String key(String feed, String id) {
        return feed + SEPARATOR + id;
    }

    private static String bySequence(String feed, String trip, int sequence) {
        return feed + SEPARATOR + trip + SEPARATOR + '#' + sequence;
    }

    private static String byStop(String feed, String trip, String stopId) {
        return feed + SEPARATOR + trip + SEPARATOR + '@' + stopId;
    }

    private static Double optionalDouble(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asDouble();
    }

    private static <V> org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<String, V>> store(String name,
            org.apache.kafka.common.serialization.Serde<V> valueSerde) {
        // A global store is rebuilt from its source topic: it never has a changelog of its own.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde).withLoggingDisabled();
    }

    private static Consumed<byte[], byte[]> source(String table) {
        return Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(table + "-source");
    }
}
