-- Less work for PostgreSQL per seat change (issue 7 §5; measured in docs/benchmarks.md). Invariants unchanged:
-- license_pools.assigned stays exact (kept by row triggers in the same transaction), CHECK (assigned <= seats),
-- one active seat per (district, product, seat type, person), the append-only ledger.

-- (The benchmark's branch also folded the index of a person's active seats into the unique index of invariant 2.
-- With V9's pending seats of renewals, invariant 2 is two partial unique indexes (current seats, pending seats),
-- neither of which answers "all unreleased seats of this person", so assignments_active_by_user stays.)

-- The seat count: one trigger per kind of change, each with a WHEN clause, instead of one trigger that ran
-- PL/pgSQL for every insert, update and delete of an assignment and branched inside. A new active seat runs
-- the shortest function; an update runs a function only when it changes released_at or pool_id (column
-- list and WHEN), so updates of other columns (last_active_at) no longer call PL/pgSQL at all.
-- Row-level on purpose: a single assignment inserts one row, and a statement-level trigger with a transition
-- table measured no cheaper for that (docs/benchmarks.md); set-based writes are issue 9's.
drop trigger assignments_count_seats on assignments;

create function assignments_count_new_seat() returns trigger language plpgsql as $$
begin
    update license_pools set assigned = assigned + 1 where id = new.pool_id;
    return null;
end $$;

create function assignments_count_changed_seat() returns trigger language plpgsql as $$
begin
    if old.pool_id <> new.pool_id then
        raise exception 'an assignment cannot move between pools';
    end if;
    update license_pools set assigned = assigned + case when new.released_at is null then 1 else -1 end
    where id = new.pool_id;
    return null;
end $$;

create function assignments_count_removed_seat() returns trigger language plpgsql as $$
begin
    update license_pools set assigned = assigned - 1 where id = old.pool_id;
    return null;
end $$;

create trigger assignments_count_inserted after insert on assignments
    for each row when (new.released_at is null) execute function assignments_count_new_seat();
create trigger assignments_count_updated after update of released_at, pool_id on assignments
    for each row when (old.pool_id <> new.pool_id or (old.released_at is null) <> (new.released_at is null))
    execute function assignments_count_changed_seat();
create trigger assignments_count_deleted after delete on assignments
    for each row when (old.released_at is null) execute function assignments_count_removed_seat();

drop function assignments_count_seats();
