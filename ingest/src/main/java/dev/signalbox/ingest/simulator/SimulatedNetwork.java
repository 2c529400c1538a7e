package dev.signalbox.ingest.simulator;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A feed's imported schedule as the simulator runs it: every trip with its calls (stop, position,
 * scheduled arrival and departure). Loaded whole, so it is meant for demo-sized feeds.
 */
record SimulatedNetwork(long version, ZoneId zone, List<Trip> trips, List<String> routes) {

    /** The simulator loads at most this many stop times; a larger feed simulates its first trips only. */
    static final int MAX_STOP_TIMES = 200_000;

    record Call(int sequence, String stopId, double latitude, double longitude, int arrival, int departure) {
    }

    record Trip(String tripId, String routeId, List<Call> calls) {
        int firstDeparture() {
            return calls.get(0).departure();
        }

        int lastArrival() {
            return calls.get(calls.size() - 1).arrival();
        }
    }

    static SimulatedNetwork load(JdbcClient jdbc, String feedId, long version) {
        String zone = jdbc.sql("select agency_timezone from gtfs_agency where feed_id = ? order by agency_id limit 1").param(feedId)
                .query(String.class).optional().orElse("UTC");
        Map<String, String> routeOfTrip = new LinkedHashMap<>();
        jdbc.sql("select trip_id, route_id from gtfs_trips where feed_id = ? order by trip_id").param(feedId)
                .query(rows -> {
                    routeOfTrip.put(rows.getString(1), rows.getString(2));
                });
        Map<String, List<Call>> calls = new LinkedHashMap<>();
        jdbc.sql("""
                select st.trip_id, st.stop_sequence, st.stop_id, s.stop_lat, s.stop_lon, st.arrival_seconds, st.departure_seconds
                from gtfs_stop_times st join gtfs_stops s on s.feed_id = st.feed_id and s.stop_id = st.stop_id
                where st.feed_id = ? and s.stop_lat is not null
                order by st.trip_id, st.stop_sequence
                limit ?""")
                .param(feedId).param(MAX_STOP_TIMES)
                .query(rows -> {
                    // GTFS may leave times out between timepoints; such calls are skipped, not guessed.
                    Object arrival = rows.getObject(6);
                    Object departure = rows.getObject(7);
                    if (arrival == null && departure == null) {
                        return;
                    }
                    int arrives = arrival == null ? rows.getInt(7) : rows.getInt(6);
                    int departs = departure == null ? arrives : rows.getInt(7);
                    calls.computeIfAbsent(rows.getString(1), trip -> new ArrayList<>())
                            .add(new Call(rows.getInt(2), rows.getString(3), rows.getDouble(4), rows.getDouble(5), arrives, departs));
                });
        List<Trip> trips = new ArrayList<>();
        calls.forEach((tripId, tripCalls) -> {
            String route = routeOfTrip.get(tripId);
            if (route != null && tripCalls.size() >= 2) {
                trips.add(new Trip(tripId, route, List.copyOf(tripCalls)));
            }
        });
        List<String> routes = routeOfTrip.values().stream().distinct().sorted().toList();
        return new SimulatedNetwork(version, ZoneId.of(zone), List.copyOf(trips), routes);
    }
}
