-- V21's update trigger and V26's ledger-days trigger joined their transition tables (old_seats with new_seats on id;
-- new_rows with districts). A transition table has no index and no statistics, and a PL/pgSQL function keeps the plan
-- of its first call: the join became a nested loop over both tables, so a statement that ended n seats did n² row
-- comparisons inside the trigger — 20 s for 10,000 seats where the UPDATE itself took 0.1 s (issue 9 §6: a delta
-- releasing 9,580 seats took 29 s; bulk unassignment, term ends and deactivations alike). Both now read each transition
-- table once, without a join, so their cost grows with the rows of the statement and nothing else. Same results.

-- A seat's pool never changes: refused row by row, but only by statements that set pool_id (UPDATE OF), so a release
-- (which sets released_at) pays nothing for it.
create function assignments_keep_their_pool() returns trigger language plpgsql as $$
begin
    raise exception 'an assignment cannot move between pools (assignment %: pool % to %)', old.id, old.pool_id, new.pool_id;
end $$;

create trigger assignments_keep_their_pool before update of pool_id on assignments
    for each row when (old.pool_id is distinct from new.pool_id) execute function assignments_keep_their_pool();

-- Each pool's change in active seats: its active rows after the statement minus those before (the pool is the same in
-- both, see above), one pass over each transition table.
create or replace function assignments_count_updated_seats() returns trigger language plpgsql as $$
declare
    pools uuid[];
    deltas bigint[];
begin
    select array_agg(pool_id order by pool_id), array_agg(delta order by pool_id) into pools, deltas
    from (select pool_id, sum(delta) as delta
          from (select pool_id, 1 as delta from new_seats where released_at is null
                union all
                select pool_id, -1 from old_seats where released_at is null) changed
          group by pool_id) s
    where delta <> 0;
    perform license_pools_add_assigned(pools, deltas);
    return null;
end $$;

-- The ledger's rows summed by pool, district and instant first (a set-based statement writes all its rows at one
-- instant: a handful of groups), then each group's day in its district's time zone.
create or replace function seat_ledger_days_add() returns trigger language plpgsql as $$
begin
    insert into seat_ledger_days (pool_id, day, seats, assigned)
    select g.pool_id, (g.occurred_at at time zone d.timezone)::date, sum(g.seats), sum(g.assigned)
    from (select pool_id, district_id, occurred_at, sum(seats_delta) as seats, sum(assigned_delta) as assigned
          from new_rows group by pool_id, district_id, occurred_at) g
    join districts d on d.id = g.district_id
    group by 1, 2
    order by 1, 2
    on conflict (pool_id, day) do update
        set seats = seat_ledger_days.seats + excluded.seats, assigned = seat_ledger_days.assigned + excluded.assigned;
    return null;
end $$;
