-- The GTFS static schedule of each transit feed, as the GTFS import loads it; captured like any
-- other table, so the processor holds it as reference data. Ids are the feed's own text ids, unique
-- within a feed, so every key starts with the feed id. Times of day are seconds after the service
-- day's start (GTFS allows 25:10:00 for a trip running past midnight), in the agency's time zone.

create table gtfs_agency (
    feed_id         text not null check (feed_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    agency_id       text not null default '',
    agency_name     text not null,
    agency_timezone text not null,
    primary key (feed_id, agency_id)
);

create table gtfs_routes (
    feed_id          text    not null,
    route_id         text    not null,
    agency_id        text,
    route_short_name text,
    route_long_name  text,
    route_type       integer not null,
    route_color      text,
    primary key (feed_id, route_id)
);

create table gtfs_stops (
    feed_id        text not null,
    stop_id        text not null,
    stop_name      text,
    stop_lat       double precision check (stop_lat between -90 and 90),
    stop_lon       double precision check (stop_lon between -180 and 180),
    parent_station text,
    primary key (feed_id, stop_id)
);

create table gtfs_trips (
    feed_id       text not null,
    trip_id       text not null,
    route_id      text not null,
    service_id    text not null,
    trip_headsign text,
    direction_id  smallint check (direction_id in (0, 1)),
    shape_id      text,
    primary key (feed_id, trip_id)
);

-- The largest table by far (millions of rows for a big agency): it keeps the default replica
-- identity, so a delete carries only its key and a re-import does not write every old row to WAL.
create table gtfs_stop_times (
    feed_id           text    not null,
    trip_id           text    not null,
    stop_sequence     integer not null check (stop_sequence >= 0),
    stop_id           text    not null,
    arrival_seconds   integer check (arrival_seconds >= 0),
    departure_seconds integer check (departure_seconds >= 0),
    primary key (feed_id, trip_id, stop_sequence)
);
