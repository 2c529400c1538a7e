-- Stop times are keyed first by the import that loaded them and the part of it they were loaded in,
-- both rising, so every import appends to the right end of the primary key's B-tree. The import
-- sorts each part of a feed's stop times by key, and PostgreSQL then inserts each row without
-- searching the tree (its rightmost-leaf fast path). Keyed by feed first, every row of an import
-- searched the tree from its root (rows come in the agency's order, and land among other feeds'
-- keys and a re-import's not yet vacuumed old ones), which was most of an import's time.
-- Import numbers come from one sequence for all feeds, so a later import always sorts after.
-- The "C" collation makes the index's order the byte order the import sorts in, whatever the
-- database's locale. Uniqueness of (feed_id, trip_id, stop_sequence) within the current schedule
-- is the import's to check: it refuses a repeated key, and deletes the feed's old rows first.
-- Change capture keeps keying these rows by (feed_id, trip_id, stop_sequence) (Debezium's
-- message.key.columns), so a re-import's delete and insert of one stop time share a partition.

create sequence gtfs_import_ids;

alter table gtfs_feed_versions add column import_id bigint;
update gtfs_feed_versions set import_id = nextval('gtfs_import_ids');

alter table gtfs_stop_times add column import_id bigint;
alter table gtfs_stop_times add column import_part integer not null default 0;
alter table gtfs_stop_times alter column import_part drop default;
update gtfs_stop_times st set import_id = v.import_id from gtfs_feed_versions v where v.feed_id = st.feed_id;
-- Rows no recorded import wrote: the next import of their feed deletes them by feed.
update gtfs_stop_times set import_id = 0 where import_id is null;
alter table gtfs_stop_times alter column import_id set not null;

alter table gtfs_stop_times drop constraint gtfs_stop_times_pkey;
alter table gtfs_stop_times alter column feed_id type text collate "C";
alter table gtfs_stop_times alter column trip_id type text collate "C";
alter table gtfs_stop_times add primary key (import_id, import_part, feed_id, trip_id, stop_sequence);
