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
import dev.signalbox.processor.capture.CapturedChange;
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
    /** A trip's stop times, all in one entry ({@link ScheduleRefs.TripStops}); earlier versions kept "transit-stop-times", one entry per stop time. */
    static final String TRIP_STOPS_STORE = "transit-trip-stops";

    static final List<String> STORES = List.of(TIME_ZONES_STORE, ROUTES_STORE, STOPS_STORE, TRIPS_STORE, TRIP_STOPS_STORE);

    private static final char SEPARATOR = '\u001f';
    private static final DateTimeFormatter SERVICE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * How many lookups a processor remembers per store before it starts over: room for a large
     * feed's trips in service on its partitions, and their stop times; each is an id and a small
     * decoded record (a trip's stop times: a few hundred bytes).
     */
    private static final int REMEMBERED_PER_STORE = 50_000;

    private final Remembered<String> timeZones;
    private final Remembered<ScheduleRefs.RouteRef> routes;
    private final Remembered<ScheduleRefs.StopRef> stops;
    private final Remembered<ScheduleRefs.TripRef> trips;
    private final Remembered<ScheduleRefs.TripStops> tripStops;
    private final Changes changes;
    private final int rememberedPerStore;
    private String lastZoneName;
    private ZoneId lastZone;

    private Schedule(ProcessorContext<?, ?> context, Changes changes, int rememberedPerStore) {
        this.changes = changes;
        this.rememberedPerStore = rememberedPerStore;
        timeZones = new Remembered<>(context.getStateStore(TIME_ZONES_STORE));
        routes = new Remembered<>(context.getStateStore(ROUTES_STORE));
        stops = new Remembered<>(context.getStateStore(STOPS_STORE));
        trips = new Remembered<>(context.getStateStore(TRIPS_STORE));
        tripStops = new Remembered<>(context.getStateStore(TRIP_STOPS_STORE));
    }

    /**
     * The schedule as one processor sees it. A processor is used by one thread, so what it
     * remembers of the schedule needs no locking; it forgets all of it whenever the schedule changed.
     */
    static Schedule of(ProcessorContext<?, ?> context, Changes changes) {
        return of(context, changes, REMEMBERED_PER_STORE);
    }

    /** With another bound on what it remembers per store, so a test can reach it. */
    static Schedule of(ProcessorContext<?, ?> context, Changes changes, int rememberedPerStore) {
        return new Schedule(context, changes, rememberedPerStore);
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
                () -> new ScheduleLoader<>(TIME_ZONES_STORE, changes, ScheduleLoader.Table.rowPerKey(
                        // GTFS requires every agency of a feed to share one time zone: the feed's zone.
                        row -> Rows.text(row, "feed_id"),
                        row -> ZoneId.of(Rows.text(row, "agency_timezone")).getId())));
        builder.addGlobalStore(store(ROUTES_STORE, new StateSerde<>(ScheduleRefs.RouteRef.class)), properties.cdcTopic(ROUTES), source(ROUTES),
                () -> new ScheduleLoader<>(ROUTES_STORE, changes, ScheduleLoader.Table.rowPerKey(
                        row -> key(Rows.text(row, "feed_id"), Rows.text(row, "route_id")),
                        row -> new ScheduleRefs.RouteRef(Rows.optionalText(row, "route_short_name"), Rows.optionalText(row, "route_long_name"),
                                row.path("route_type").asInt(3)))));
        builder.addGlobalStore(store(STOPS_STORE, new StateSerde<>(ScheduleRefs.StopRef.class)), properties.cdcTopic(STOPS), source(STOPS),
                () -> new ScheduleLoader<>(STOPS_STORE, changes, ScheduleLoader.Table.rowPerKey(
                        row -> key(Rows.text(row, "feed_id"), Rows.text(row, "stop_id")),
                        row -> new ScheduleRefs.StopRef(Rows.optionalText(row, "stop_name"), optionalDouble(row, "stop_lat"),
                                optionalDouble(row, "stop_lon")))));
        builder.addGlobalStore(store(TRIPS_STORE, new StateSerde<>(ScheduleRefs.TripRef.class)), properties.cdcTopic(TRIPS), source(TRIPS),
                () -> new ScheduleLoader<>(TRIPS_STORE, changes, ScheduleLoader.Table.rowPerKey(
                        row -> key(Rows.text(row, "feed_id"), Rows.text(row, "trip_id")),
                        row -> new ScheduleRefs.TripRef(Rows.text(row, "route_id"), Rows.optionalText(row, "trip_headsign"),
                                row.hasNonNull("direction_id") ? row.get("direction_id").asInt() : null, Rows.optionalText(row, "service_id")))));
        builder.addGlobalStore(store(TRIP_STOPS_STORE, new StateSerde<>(ScheduleRefs.TripStops.class)), properties.cdcTopic(STOP_TIMES),
                source(STOP_TIMES), () -> new ScheduleLoader<>(TRIP_STOPS_STORE, changes, Schedule::applyStopTime));
        return changes;
    }

    /**
     * A stop time row into its trip's entry: read, changed and written back. A delete's before image
     * holds the primary key (feed, trip, sequence) only, which is all it takes to find the stop.
     */
    private static void applyStopTime(CapturedChange change, KeyValueStore<String, ScheduleRefs.TripStops> store) {
        JsonNode after = change.isDelete() ? null : change.after();
        JsonNode before = change.before();
        if (before != null) {
            String trip = key(Rows.text(before, "feed_id"), Rows.text(before, "trip_id"));
            int sequence = (int) Rows.number(before, "stop_sequence");
            boolean stays = after != null && trip.equals(key(Rows.text(after, "feed_id"), Rows.text(after, "trip_id")))
                    && sequence == Rows.number(after, "stop_sequence");
            ScheduleRefs.TripStops held = stays ? null : store.get(trip);
            if (held != null) {
                ScheduleRefs.TripStops rest = held.without(sequence);
                if (rest == null) {
                    store.delete(trip);
                } else if (rest != held) {
                    store.put(trip, rest);
                }
            }
        }
        if (after != null) {
            String trip = key(Rows.text(after, "feed_id"), Rows.text(after, "trip_id"));
            store.put(trip, ScheduleRefs.TripStops.with(store.get(trip), (int) Rows.number(after, "stop_sequence"), Rows.text(after, "stop_id"),
                    after.hasNonNull("arrival_seconds") ? after.get("arrival_seconds").asInt() : null,
                    after.hasNonNull("departure_seconds") ? after.get("departure_seconds").asInt() : null));
        }
    }

    ScheduleRefs.RouteRef route(String feed, String routeId) {
        return routeId == null ? null : routes.get(feed, routeId);
    }

    ScheduleRefs.StopRef stop(String feed, String stopId) {
        return stopId == null ? null : stops.get(feed, stopId);
    }

    ScheduleRefs.TripRef trip(String feed, String tripId) {
        return tripId == null ? null : trips.get(feed, tripId);
    }

    /** All the trip's stop times, or null when the schedule has none. */
    ScheduleRefs.TripStops tripStops(String feed, String tripId) {
        return tripId == null ? null : tripStops.get(feed, tripId);
    }

    /**
     * One store's lookups, remembered decoded (an absent key too) while the schedule does not
     * change. Sound without locks against the loader on the global thread: the count is read before
     * the store, and the loader moves it after writing, so a value read before a write is forgotten
     * at the next lookup. Held by feed, then id: a lookup that is remembered builds no store key.
     */
    private final class Remembered<V> {

        private static final Object ABSENT = new Object();

        private final KeyValueStore<String, V> store;
        /**
         * Replaced, not cleared, to forget: {@code clear()} walks the whole table, which keeps its largest size,
         * and while a schedule import writes the stores that would be once per lookup.
         */
        private Map<String, Map<String, Object>> byFeed = new HashMap<>();
        private int size;
        private long seenChanges = -1;

        Remembered(KeyValueStore<String, V> store) {
            this.store = store;
        }

        /** The value stored under {@link #key}{@code (feed, id)}, or under {@code feed} alone when id is null. */
        @SuppressWarnings("unchecked")
        V get(String feed, String id) {
            long count = changes.count();
            if (count != seenChanges) {
                forget();
                seenChanges = count;
            }
            String remembered = id == null ? "" : id;
            Map<String, Object> values = byFeed.get(feed);
            Object value = values == null ? null : values.get(remembered);
            if (value == null) {
                V stored = store.get(id == null ? feed : key(feed, id));
                if (size >= rememberedPerStore) {
                    forget(); // starting over is simpler than evicting and, at this size, rare
                    values = null;
                }
                if (values == null) {
                    values = new HashMap<>();
                    byFeed.put(feed, values);
                }
                values.put(remembered, stored == null ? ABSENT : stored);
                size++;
                return stored;
            }
            return value == ABSENT ? null : (V) value;
        }

        private void forget() {
            byFeed = new HashMap<>();
            size = 0;
        }
    }

    /** The feed's time zone (its agencies'), UTC when the schedule has none. */
    ZoneId zone(String feed) {
        String zone = timeZones.get(feed, null);
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
