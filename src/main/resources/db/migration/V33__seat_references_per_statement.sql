-- Seat writes at scale (issue 12, bulk assignment of 10,000 under a second): the foreign keys of assignments and
-- seat_ledger were checked by PostgreSQL row by row, one internal query and one row lock per inserted row and key:
-- EXPLAIN (ANALYZE) of one bulk assignment of 10,000 seats at a million students showed 0.3 s of its 0.6 s in the three
-- checks (assignments → license_pools 0.10–0.16 s, assignments → users 0.10–0.18 s, seat_ledger → license_pools
-- 0.08–0.15 s). They are now checked once per statement, over the statement's rows (transition tables), with the same
-- meaning; see docs/design.md "Seat references, checked per statement".
--
-- The same guarantees as the foreign keys they replace:
--  * child side: every inserted seat names an existing pool with the same district, product and seat type, and an
--    existing person of the same district (the tenant-isolation invariant); every ledger row names an existing pool of
--    its district. A seat's pool, person, district, product and seat type never change afterwards (refused row by row,
--    only for statements that set those columns); the ledger is append-only already (V1).
--  * parent side: a person, or a pool, that any seat or ledger row names can be neither deleted nor given another id or
--    district (or, for a pool, product or seat type). Such a delete or key change is rare (the product never deletes
--    people or pools), so it pays for the concurrency instead of every seat write: it first takes a SHARE lock on the
--    referring tables, which waits for every transaction that is writing seats at that moment and keeps new ones out
--    until it ends, and then looks for references with a fresh snapshot (READ COMMITTED). Under REPEATABLE READ or
--    SERIALIZABLE the snapshot could predate a seat written meanwhile, so there the change is refused outright.
alter table assignments drop constraint assignments_pool_id_district_id_product_id_seat_type_fkey;
alter table assignments drop constraint assignments_user_id_district_id_fkey;
alter table seat_ledger drop constraint seat_ledger_pool_id_district_id_fkey;

-- Raised as foreign_key_violation (SQLSTATE 23503) naming the constraint each check stands for, as the foreign keys did.
create function assignments_check_references() returns trigger language plpgsql as $$
declare
    bad record;
begin
    select n.pool_id, n.district_id, n.product_id, n.seat_type into bad
    from (select distinct pool_id, district_id, product_id, seat_type from new_seats) n
    where not exists (select 1 from license_pools lp where lp.id = n.pool_id and lp.district_id = n.district_id
                      and lp.product_id = n.product_id and lp.seat_type = n.seat_type)
    limit 1;
    if found then
        raise foreign_key_violation using constraint = 'assignments_pool_reference',
            message = format('assignments_pool_reference: a seat names pool %s of district %s, product %s, seat type %s: no such pool',
                             bad.pool_id, bad.district_id, bad.product_id, bad.seat_type);
    end if;
    select n.user_id, n.district_id into bad
    from new_seats n
    where not exists (select 1 from users u where u.id = n.user_id and u.district_id = n.district_id)
    limit 1;
    if found then
        raise foreign_key_violation using constraint = 'assignments_user_reference',
            message = format('assignments_user_reference: a seat names person %s of district %s: no such person in that district', bad.user_id, bad.district_id);
    end if;
    return null;
end $$;

-- Named so that it runs before the count trigger (statement triggers of one event run in name order).
create trigger assignments_check_references after insert on assignments
    referencing new table as new_seats for each statement execute function assignments_check_references();

create function seat_ledger_check_references() returns trigger language plpgsql as $$
declare
    bad record;
begin
    select n.pool_id, n.district_id into bad
    from (select distinct pool_id, district_id from new_rows) n
    where not exists (select 1 from license_pools lp where lp.id = n.pool_id and lp.district_id = n.district_id)
    limit 1;
    if found then
        raise foreign_key_violation using constraint = 'seat_ledger_pool_reference',
            message = format('seat_ledger_pool_reference: a ledger row names pool %s of district %s: no such pool', bad.pool_id, bad.district_id);
    end if;
    return null;
end $$;

create trigger seat_ledger_check_references after insert on seat_ledger
    referencing new table as new_rows for each statement execute function seat_ledger_check_references();

-- A seat keeps its pool (V32's rule), person, district, product and seat type.
drop trigger assignments_keep_their_pool on assignments;
drop function assignments_keep_their_pool();

create function assignments_keep_their_references() returns trigger language plpgsql as $$
begin
    if old.pool_id is distinct from new.pool_id then
        raise exception 'an assignment cannot move between pools (assignment %: pool % to %)', old.id, old.pool_id, new.pool_id;
    end if;
    raise exception 'an assignment keeps its person, district, product and seat type (assignment %)', old.id;
end $$;

create trigger assignments_keep_their_references before update of pool_id, user_id, district_id, product_id, seat_type on assignments
    for each row when ((old.pool_id, old.user_id, old.district_id, old.product_id, old.seat_type)
                       is distinct from (new.pool_id, new.user_id, new.district_id, new.product_id, new.seat_type))
    execute function assignments_keep_their_references();

-- Parent side. The SHARE lock waits for every transaction writing seats (or ledger rows) and keeps new ones out until
-- this one ends; the look that follows then sees every seat committed before it.
create function users_keep_seat_references() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.id, old.district_id) is not distinct from (new.id, new.district_id) then
        return new;
    end if;
    if current_setting('transaction_isolation') <> 'read committed' then
        raise foreign_key_violation using constraint = 'assignments_user_reference',
            message = format('assignments_user_reference: person %s may be named by seats: delete or re-key people in a READ COMMITTED transaction', old.id);
    end if;
    lock table assignments in share mode;
    if exists (select 1 from assignments a where a.user_id = old.id and a.district_id = old.district_id) then
        raise foreign_key_violation using constraint = 'assignments_user_reference',
            message = format('assignments_user_reference: person %s holds or held seats: they cannot be deleted or given another id or district', old.id);
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger users_keep_seat_references before delete or update of id, district_id on users
    for each row execute function users_keep_seat_references();

create function license_pools_keep_seat_references() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.id, old.district_id, old.product_id, old.seat_type)
            is not distinct from (new.id, new.district_id, new.product_id, new.seat_type) then
        return new;
    end if;
    if current_setting('transaction_isolation') <> 'read committed' then
        raise foreign_key_violation using constraint = 'assignments_pool_reference',
            message = format('assignments_pool_reference: pool %s may be named by seats: delete or re-key pools in a READ COMMITTED transaction', old.id);
    end if;
    lock table assignments, seat_ledger in share mode;
    if exists (select 1 from assignments a where a.pool_id = old.id) or exists (select 1 from seat_ledger l where l.pool_id = old.id) then
        raise foreign_key_violation using constraint = 'assignments_pool_reference',
            message = format('assignments_pool_reference: pool %s has seats or ledger rows: it cannot be deleted or given another id, district, product or seat type', old.id);
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger license_pools_keep_seat_references before delete or update of id, district_id, product_id, seat_type on license_pools
    for each row execute function license_pools_keep_seat_references();

-- Seat ids ordered by time (RFC 9562 §5.7, UUID version 7: 48 bits of Unix milliseconds, then random bits): a bulk
-- statement's new ids land at the right edge of the primary key instead of on thousands of random leaf pages (after a
-- checkpoint each such page is written to the WAL whole: 6,500 full pages for 10,000 random ids, 800 for these).
create function uuid_v7() returns uuid language sql volatile as $$
    select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                  placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
                  from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
$$;

alter table assignments alter column id set default uuid_v7();
