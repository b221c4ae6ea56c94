-- Set-based seat changes (issue 9 §1): the seat count is kept by statement-level triggers with transition tables
-- instead of V11's row triggers, so a statement that seats or releases a million people updates each pool row once
-- with the summed delta rather than a million times. Invariants unchanged: license_pools.assigned is exact in the same
-- transaction, CHECK (assigned <= seats) refuses a statement that would oversubscribe a pool (the whole statement
-- fails), the one-current-seat and one-pending-seat unique indexes and the append-only ledger stay as they are.
--
-- PostgreSQL's limits on transition tables shape this: a trigger with a transition table has exactly one event (so
-- three triggers), and an UPDATE trigger with a transition table cannot have a column list or a WHEN clause, so the
-- update trigger runs for every UPDATE statement of assignments; it sums over the statement's rows and writes nothing
-- when no seat started or ended. The pools are locked in id order before they are updated, the order every seat change
-- uses (people first, then pools by id), so two set-based statements over the same pools cannot deadlock here.
drop trigger assignments_count_inserted on assignments;
drop trigger assignments_count_updated on assignments;
drop trigger assignments_count_deleted on assignments;
drop function assignments_count_new_seat();
drop function assignments_count_changed_seat();
drop function assignments_count_removed_seat();

-- Adds each pool's delta to its assigned count: locks the pools in id order, then one update for all of them.
create function license_pools_add_assigned(pools uuid[], deltas bigint[]) returns void language plpgsql as $$
begin
    if pools is null then
        return;
    end if;
    perform 1 from license_pools where id = any(pools) order by id for no key update;
    update license_pools lp set assigned = lp.assigned + d.delta
    from unnest(pools, deltas) as d(pool_id, delta)
    where lp.id = d.pool_id;
end $$;

create function assignments_count_inserted_seats() returns trigger language plpgsql as $$
declare
    pools uuid[];
    deltas bigint[];
begin
    select array_agg(pool_id order by pool_id), array_agg(n order by pool_id) into pools, deltas
    from (select pool_id, count(*) as n from new_seats where released_at is null group by pool_id) s;
    perform license_pools_add_assigned(pools, deltas);
    return null;
end $$;

create function assignments_count_updated_seats() returns trigger language plpgsql as $$
declare
    pools uuid[];
    deltas bigint[];
begin
    if exists (select 1 from old_seats o join new_seats n on n.id = o.id where n.pool_id <> o.pool_id) then
        raise exception 'an assignment cannot move between pools';
    end if;
    select array_agg(pool_id order by pool_id), array_agg(delta order by pool_id) into pools, deltas
    from (select n.pool_id, sum(case when n.released_at is null then 1 else -1 end) as delta
          from old_seats o join new_seats n on n.id = o.id
          where (o.released_at is null) <> (n.released_at is null)
          group by n.pool_id) s
    where delta <> 0;
    perform license_pools_add_assigned(pools, deltas);
    return null;
end $$;

create function assignments_count_deleted_seats() returns trigger language plpgsql as $$
declare
    pools uuid[];
    deltas bigint[];
begin
    select array_agg(pool_id order by pool_id), array_agg(-n order by pool_id) into pools, deltas
    from (select pool_id, count(*) as n from old_seats where released_at is null group by pool_id) s;
    perform license_pools_add_assigned(pools, deltas);
    return null;
end $$;

create trigger assignments_count_inserted after insert on assignments
    referencing new table as new_seats for each statement execute function assignments_count_inserted_seats();
create trigger assignments_count_updated after update on assignments
    referencing old table as old_seats new table as new_seats for each statement execute function assignments_count_updated_seats();
create trigger assignments_count_deleted after delete on assignments
    referencing old table as old_seats for each statement execute function assignments_count_deleted_seats();
