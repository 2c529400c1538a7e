package dev.signalbox.ingest.schedule;

import java.util.List;

/**
 * The GTFS static files the import loads, in load order (a file's references point only to files
 * before it), each with its table and columns. A column's checks are the table's own constraints,
 * so a row that passes them never fails the COPY.
 */
enum GtfsFile {

    AGENCY("agency.txt", "gtfs_agency", true, null, List.of(
            Column.text("agency_id").orElse(""),
            Column.text("agency_name").required(),
            Column.text("agency_timezone").required())),
    ROUTES("routes.txt", "gtfs_routes", true, "route_id", List.of(
            Column.text("route_id").required(),
            Column.text("agency_id"),
            Column.text("route_short_name"),
            Column.text("route_long_name"),
            Column.integer("route_type", 0, 1999).required(),
            Column.text("route_color"))),
    STOPS("stops.txt", "gtfs_stops", true, "stop_id", List.of(
            Column.text("stop_id").required(),
            Column.text("stop_name"),
            Column.decimal("stop_lat", -90, 90),
            Column.decimal("stop_lon", -180, 180),
            Column.text("parent_station"))),
    CALENDAR("calendar.txt", "gtfs_calendar", false, null, List.of(
            Column.text("service_id").required(),
            Column.flag("monday").required(),
            Column.flag("tuesday").required(),
            Column.flag("wednesday").required(),
            Column.flag("thursday").required(),
            Column.flag("friday").required(),
            Column.flag("saturday").required(),
            Column.flag("sunday").required(),
            Column.date("start_date").required(),
            Column.date("end_date").required())),
    CALENDAR_DATES("calendar_dates.txt", "gtfs_calendar_dates", false, null, List.of(
            Column.text("service_id").required(),
            Column.date("date").required(),
            Column.integer("exception_type", 1, 2).required())),
    SHAPES("shapes.txt", "gtfs_shapes", false, null, List.of(
            Column.text("shape_id").required(),
            Column.integer("shape_pt_sequence", 0, Integer.MAX_VALUE).required(),
            Column.decimal("shape_pt_lat", -90, 90).required(),
            Column.decimal("shape_pt_lon", -180, 180).required(),
            Column.decimal("shape_dist_traveled", 0, Double.MAX_VALUE))),
    TRIPS("trips.txt", "gtfs_trips", true, "trip_id", List.of(
            Column.text("trip_id").required(),
            Column.text("route_id").required().references(ROUTES),
            Column.text("service_id").required(),
            Column.text("trip_headsign"),
            Column.integer("direction_id", 0, 1),
            Column.text("shape_id"))),
    STOP_TIMES("stop_times.txt", "gtfs_stop_times", true, null, List.of(
            Column.text("trip_id").required().references(TRIPS),
            Column.integer("stop_sequence", 0, Integer.MAX_VALUE).required(),
            Column.text("stop_id").required().references(STOPS),
            Column.time("arrival_time", "arrival_seconds"),
            Column.time("departure_time", "departure_seconds")));

    /** A feed's primary key columns after {@code feed_id}: the columns a duplicate row repeats. */
    private static final java.util.Map<GtfsFile, List<String>> KEYS = java.util.Map.of(
            AGENCY, List.of("agency_id"), ROUTES, List.of("route_id"), STOPS, List.of("stop_id"),
            CALENDAR, List.of("service_id"), CALENDAR_DATES, List.of("service_id", "date"),
            SHAPES, List.of("shape_id", "shape_pt_sequence"), TRIPS, List.of("trip_id"),
            STOP_TIMES, List.of("trip_id", "stop_sequence"));

    private final String fileName;
    private final String table;
    private final boolean required;
    private final String referencedBy;
    private final List<Column> columns;

    GtfsFile(String fileName, String table, boolean required, String referencedBy, List<Column> columns) {
        this.fileName = fileName;
        this.table = table;
        this.required = required;
        this.referencedBy = referencedBy;
        this.columns = columns;
    }

    String fileName() {
        return fileName;
    }

    String table() {
        return table;
    }

    /** Required by the GTFS reference (calendar.txt or calendar_dates.txt: at least one of them). */
    boolean required() {
        return required;
    }

    /** The field other files refer to rows of this file by, or null when none does. */
    String referencedBy() {
        return referencedBy;
    }

    List<Column> columns() {
        return columns;
    }

    List<String> keyFields() {
        return KEYS.get(this);
    }

    /**
     * True for the tables whose primary key starts with the import that loaded the row and its part
     * ({@code import_id, import_part}), and whose rows the import therefore loads in key order (see
     * {@link KeyOrderedRows}): stop times and shape points, a feed's largest files by far. Their key
     * after {@code feed_id} is (text, number): {@code trip_id, stop_sequence} and
     * {@code shape_id, shape_pt_sequence}.
     */
    boolean loadedInKeyOrder() {
        return this == STOP_TIMES || this == SHAPES;
    }
}
