package dev.signalbox.ingest.realtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the validator needs to know of a feed's imported GTFS schedule: its trip, route and stop
 * ids and the area its stops cover. Empty when no schedule is imported; reference checks are then
 * skipped, since there is nothing to check against.
 */
final class StaticFeedIndex {

    /** How far past its outermost stops a vehicle may be and still be in the feed's area, in degrees (≈ 11 km). */
    private static final double AREA_MARGIN_DEGREES = 0.1;

    static final StaticFeedIndex EMPTY = new StaticFeedIndex(0, Map.of(), Set.of(), Set.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    private final long version;
    private final Map<String, String> routeOfTrip;
    private final Set<String> routes;
    private final Set<String> stops;
    private final double minLat;
    private final double maxLat;
    private final double minLon;
    private final double maxLon;

    private StaticFeedIndex(long version, Map<String, String> routeOfTrip, Set<String> routes, Set<String> stops,
                            double minLat, double maxLat, double minLon, double maxLon) {
        this.version = version;
        this.routeOfTrip = routeOfTrip;
        this.routes = routes;
        this.stops = stops;
        this.minLat = minLat;
        this.maxLat = maxLat;
        this.minLon = minLon;
        this.maxLon = maxLon;
    }

    /** The version of the feed's schedule now imported, 0 when none is. */
    static long currentVersion(JdbcClient jdbc, String feedId) {
        return jdbc.sql("select version from gtfs_feed_versions where feed_id = ?").param(feedId).query(Long.class).optional().orElse(0L);
    }

    static StaticFeedIndex load(JdbcClient jdbc, String feedId, long version) {
        if (version == 0) {
            return EMPTY;
        }
        Map<String, String> routeOfTrip = new HashMap<>();
        jdbc.sql("select trip_id, route_id from gtfs_trips where feed_id = ?").param(feedId)
                .query(rows -> {
                    routeOfTrip.put(rows.getString(1), rows.getString(2));
                });
        Set<String> routes = new HashSet<>(jdbc.sql("select route_id from gtfs_routes where feed_id = ?").param(feedId).query(String.class).list());
        Set<String> stops = new HashSet<>(jdbc.sql("select stop_id from gtfs_stops where feed_id = ?").param(feedId).query(String.class).list());
        double[] area = jdbc.sql("select min(stop_lat), max(stop_lat), min(stop_lon), max(stop_lon) from gtfs_stops where feed_id = ? and stop_lat is not null")
                .param(feedId)
                .query((rows, n) -> rows.getObject(1) == null ? null
                        : new double[] {rows.getDouble(1), rows.getDouble(2), rows.getDouble(3), rows.getDouble(4)})
                .optional().orElse(null);
        if (area == null) {
            return new StaticFeedIndex(version, routeOfTrip, routes, stops, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new StaticFeedIndex(version, routeOfTrip, routes, stops, area[0] - AREA_MARGIN_DEGREES, area[1] + AREA_MARGIN_DEGREES,
                area[2] - AREA_MARGIN_DEGREES, area[3] + AREA_MARGIN_DEGREES);
    }

    /** For tests and benchmarks: an index of the given ids, covering the given box. */
    static StaticFeedIndex of(Map<String, String> routeOfTrip, Set<String> stops, double minLat, double maxLat, double minLon, double maxLon) {
        return new StaticFeedIndex(1, Map.copyOf(routeOfTrip), Set.copyOf(routeOfTrip.values()), Set.copyOf(stops), minLat, maxLat, minLon, maxLon);
    }

    long version() {
        return version;
    }

    boolean isEmpty() {
        return version == 0;
    }

    boolean hasTrip(String tripId) {
        return routeOfTrip.containsKey(tripId);
    }

    boolean hasRoute(String routeId) {
        return routes.contains(routeId);
    }

    boolean hasStop(String stopId) {
        return stops.contains(stopId);
    }

    boolean covers(double latitude, double longitude) {
        if (Double.isNaN(minLat)) {
            return true;
        }
        return latitude >= minLat && latitude <= maxLat && longitude >= minLon && longitude <= maxLon;
    }
}
