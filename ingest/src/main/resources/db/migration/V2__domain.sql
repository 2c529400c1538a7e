-- The rest of the domain Signalbox captures. Every table keeps its whole old row in the change
-- stream (REPLICA IDENTITY FULL), so updates and deletes carry before-images consumers can use.

-- Job postings: the schema.org JobPosting fields job boards publish, and the full lifecycle
-- posted → updated → filled | closed | expired.
alter table job_postings
    add column date_posted     timestamptz not null default now(),
    add column valid_through   timestamptz,
    add column employment_type text        not null default 'FULL_TIME'
        check (employment_type in ('FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN', 'VOLUNTEER', 'PER_DIEM', 'OTHER')),
    add column remote          boolean     not null default false,
    add column salary_min      numeric(12, 2) check (salary_min >= 0),
    add column salary_max      numeric(12, 2) check (salary_max >= 0),
    add column salary_currency text        check (salary_currency ~ '^[A-Z]{3}$'),
    add constraint job_postings_salary_range check (salary_min is null or salary_max is null or salary_min <= salary_max),
    drop constraint job_postings_status_check,
    add constraint job_postings_status_check check (status in ('OPEN', 'CLOSED', 'FILLED', 'EXPIRED'));
alter table companies replica identity full;

-- One user's application to a posting; only that user may watch it.
create table job_applications (
    id         bigint generated always as identity primary key,
    posting_id bigint      not null references job_postings (id),
    user_id    text        not null check (length(user_id) between 1 and 100),
    status     text        not null check (status in ('SUBMITTED', 'REVIEWING', 'INTERVIEW', 'OFFER', 'HIRED', 'REJECTED', 'WITHDRAWN')),
    note       text        check (length(note) <= 2000),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version    bigint      not null default 0,
    unique (posting_id, user_id)
);
create index job_applications_user_id on job_applications (user_id);
alter table job_applications replica identity full;

-- Sports: leagues, teams, matches and what happens in them.
create table leagues (
    id   bigint generated always as identity primary key,
    name text not null unique check (length(name) between 1 and 200)
);
alter table leagues replica identity full;

create table teams (
    id        bigint generated always as identity primary key,
    league_id bigint not null references leagues (id),
    name      text   not null check (length(name) between 1 and 200),
    unique (league_id, name)
);
alter table teams replica identity full;

create table matches (
    id            bigint generated always as identity primary key,
    league_id     bigint      not null references leagues (id),
    home_team_id  bigint      not null references teams (id),
    away_team_id  bigint      not null references teams (id),
    starts_at     timestamptz not null,
    status        text        not null default 'SCHEDULED'
        check (status in ('SCHEDULED', 'IN_PLAY', 'PAUSED', 'FINISHED', 'POSTPONED', 'CANCELLED')),
    home_score    integer     not null default 0 check (home_score >= 0),
    away_score    integer     not null default 0 check (away_score >= 0),
    period        integer     not null default 0 check (period between 0 and 10),
    clock_seconds integer     not null default 0 check (clock_seconds between 0 and 36000),
    updated_at    timestamptz not null default now(),
    version       bigint      not null default 0,
    check (home_team_id <> away_team_id)
);
create index matches_league_id on matches (league_id);
alter table matches replica identity full;

create table match_events (
    id         bigint generated always as identity primary key,
    match_id   bigint      not null references matches (id),
    type       text        not null
        check (type in ('GOAL', 'OWN_GOAL', 'PENALTY', 'CARD', 'SUBSTITUTION', 'PERIOD_START', 'PERIOD_END')),
    minute     integer     not null check (minute between 0 and 200),
    team_id    bigint      references teams (id),
    player     text        check (length(player) <= 200),
    detail     jsonb,
    created_at timestamptz not null default now()
);
create index match_events_match_id on match_events (match_id);
alter table match_events replica identity full;

-- Notifications: to everyone, or to one user.
create table notifications (
    id         bigint generated always as identity primary key,
    audience   text        not null check (audience in ('EVERYONE', 'USER')),
    user_id    text        check (length(user_id) between 1 and 100),
    title      text        not null check (length(title) between 1 and 200),
    body       text        check (length(body) <= 4000),
    link       text        check (length(link) <= 2000),
    severity   text        not null default 'INFO' check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    created_at timestamptz not null default now(),
    check ((audience = 'USER') = (user_id is not null))
);
alter table notifications replica identity full;

-- Transit alerts an operator writes, in GTFS-Realtime's terms.
create table transit_alerts (
    id           bigint generated always as identity primary key,
    cause        text        not null check (cause in ('UNKNOWN_CAUSE', 'OTHER_CAUSE', 'TECHNICAL_PROBLEM', 'STRIKE',
        'DEMONSTRATION', 'ACCIDENT', 'HOLIDAY', 'WEATHER', 'MAINTENANCE', 'CONSTRUCTION', 'POLICE_ACTIVITY', 'MEDICAL_EMERGENCY')),
    effect       text        not null check (effect in ('NO_SERVICE', 'REDUCED_SERVICE', 'SIGNIFICANT_DELAYS', 'DETOUR',
        'ADDITIONAL_SERVICE', 'MODIFIED_SERVICE', 'OTHER_EFFECT', 'UNKNOWN_EFFECT', 'STOP_MOVED', 'NO_EFFECT', 'ACCESSIBILITY_ISSUE')),
    header       text        not null check (length(header) between 1 and 200),
    description  text        check (length(description) <= 4000),
    active_from  timestamptz,
    active_until timestamptz,
    route_ids    text[]      not null default '{}',
    stop_ids     text[]      not null default '{}',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    version      bigint      not null default 0,
    check (active_from is null or active_until is null or active_from < active_until),
    check (cardinality(route_ids) + cardinality(stop_ids) > 0)
);
alter table transit_alerts replica identity full;

-- The transactional outbox: an app inserts a row in the same transaction as its change, and
-- Debezium's outbox event router publishes it to outbox.<aggregatetype>, keyed by aggregateid.
create table outbox (
    id            uuid        primary key,
    aggregatetype text        not null check (aggregatetype ~ '^[a-z][a-z0-9_-]{0,62}$'),
    aggregateid   text        not null,
    type          text        not null,
    payload       jsonb,
    created_at    timestamptz not null default now()
);
