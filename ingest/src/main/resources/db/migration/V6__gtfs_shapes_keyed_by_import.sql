-- Shape points, a large agency's other big file, are keyed and loaded as stop times are (V5 says
-- why): by import and part first, so that every import appends to the right end of the primary
-- key's B-tree, each part sorted by key.

alter table gtfs_shapes add column import_id bigint;
alter table gtfs_shapes add column import_part integer not null default 0;
alter table gtfs_shapes alter column import_part drop default;
update gtfs_shapes s set import_id = v.import_id from gtfs_feed_versions v where v.feed_id = s.feed_id;
-- Rows no recorded import wrote: the next import of their feed deletes them by feed.
update gtfs_shapes set import_id = 0 where import_id is null;
alter table gtfs_shapes alter column import_id set not null;

alter table gtfs_shapes drop constraint gtfs_shapes_pkey;
alter table gtfs_shapes alter column feed_id type text collate "C";
alter table gtfs_shapes alter column shape_id type text collate "C";
alter table gtfs_shapes add primary key (import_id, import_part, feed_id, shape_id, shape_pt_sequence);
