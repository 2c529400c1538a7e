-- The job board's write model: companies and their postings.
create table companies (
    id         bigint generated always as identity primary key,
    name       text        not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now()
);

create table job_postings (
    id          bigint generated always as identity primary key,
    company_id  bigint      not null references companies (id),
    title       text        not null check (length(title) between 1 and 200),
    location    text        not null check (length(location) between 1 and 200),
    description text        check (length(description) <= 10000),
    status      text        not null check (status in ('OPEN', 'CLOSED')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    version     bigint      not null default 0
);

create index job_postings_company_id on job_postings (company_id);

-- Updates and deletes carry the whole old row in the change stream, not just the key, so a
-- consumer can tell what a deleted or closed posting was without a lookup.
alter table job_postings replica identity full;
