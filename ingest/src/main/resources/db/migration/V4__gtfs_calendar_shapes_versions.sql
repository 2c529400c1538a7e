-- The rest of a GTFS static feed that the import loads (service calendars and shapes), and one row
-- per feed naming the schedule version its tables hold now. An import replaces every table of a
-- feed and bumps its version in one transaction, so a reader sees the old schedule or the new one,
-- never half of each.

create table gtfs_calendar (
    feed_id    text     not null,
    service_id text     not null,
    monday     boolean  not null,
    tuesday    boolean  not null,
    wednesday  boolean  not null,
    thursday   boolean  not null,
    friday     boolean  not null,
    saturday   boolean  not null,
    sunday     boolean  not null,
    start_date date     not null,
    end_date   date     not null,
    primary key (feed_id, service_id)
);

create table gtfs_calendar_dates (
    feed_id        text     not null,
    service_id     text     not null,
    date           date     not null,
    -- 1: service added on that date, 2: removed.
    exception_type smallint not null check (exception_type in (1, 2)),
    primary key (feed_id, service_id, date)
);

create table gtfs_shapes (
    feed_id             text             not null,
    shape_id            text             not null,
    shape_pt_sequence   integer          not null check (shape_pt_sequence >= 0),
    shape_pt_lat        double precision not null check (shape_pt_lat between -90 and 90),
    shape_pt_lon        double precision not null check (shape_pt_lon between -180 and 180),
    shape_dist_traveled double precision,
    primary key (feed_id, shape_id, shape_pt_sequence)
);

create table gtfs_feed_versions (
    feed_id     text        primary key,
    version     bigint      not null check (version > 0),
    sha256      text        not null,
    imported_at timestamptz not null default now(),
    -- rows loaded per file, and how many rows were refused as malformed
    row_counts  jsonb       not null,
    rows_refused bigint     not null default 0
);
