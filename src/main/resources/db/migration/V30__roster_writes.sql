-- Which transactions wrote a district's roster (docs/design.md "Roster changes engine: scale"): one row per statement and
-- district that inserted, updated or deleted schools, people, their schools, classes or enrollments, with the writing
-- transaction's id. A preview keeps its comparison for its Apply (RosterApply "kept comparison"); the Apply uses it only
-- when no transaction that the preview could not see has written the district's roster since (pg_visible_in_snapshot),
-- else it compares again. Insert-only (no row is locked, so it adds no lock waits between writers); rows older than the
-- longest a preview is kept are deleted by RunStore.dropExpired.
create table roster_writes (
    district_id uuid        not null,
    xid         xid8        not null default pg_current_xact_id(),
    at          timestamptz not null default now()
);
create index roster_writes_district on roster_writes (district_id, at);

create function roster_writes_note() returns trigger language plpgsql as $$
begin
    insert into roster_writes (district_id) select distinct district_id from changed;
    return null;
end $$;

create trigger schools_written_i after insert on schools referencing new table as changed for each statement execute function roster_writes_note();
create trigger schools_written_u after update on schools referencing new table as changed for each statement execute function roster_writes_note();
create trigger schools_written_d after delete on schools referencing old table as changed for each statement execute function roster_writes_note();
create trigger users_written_i after insert on users referencing new table as changed for each statement execute function roster_writes_note();
create trigger users_written_u after update on users referencing new table as changed for each statement execute function roster_writes_note();
create trigger users_written_d after delete on users referencing old table as changed for each statement execute function roster_writes_note();
create trigger user_schools_written_i after insert on user_schools referencing new table as changed for each statement execute function roster_writes_note();
create trigger user_schools_written_u after update on user_schools referencing new table as changed for each statement execute function roster_writes_note();
create trigger user_schools_written_d after delete on user_schools referencing old table as changed for each statement execute function roster_writes_note();
create trigger classes_written_i after insert on classes referencing new table as changed for each statement execute function roster_writes_note();
create trigger classes_written_u after update on classes referencing new table as changed for each statement execute function roster_writes_note();
create trigger classes_written_d after delete on classes referencing old table as changed for each statement execute function roster_writes_note();
create trigger enrollments_written_i after insert on enrollments referencing new table as changed for each statement execute function roster_writes_note();
create trigger enrollments_written_u after update on enrollments referencing new table as changed for each statement execute function roster_writes_note();
create trigger enrollments_written_d after delete on enrollments referencing old table as changed for each statement execute function roster_writes_note();
