-- Large districts: licensing lists (issue 12; docs/design.md "Large districts: licensing lists"). Each index matches one
-- list's filter and sort order, so a page is an index range scan that stops after the page's rows, whatever the size of
-- the pool, its ledger or the other districts' rows in the same tables. LicensingQueryPlansTest checks the plans.

-- The holders of a pool in the order every holders list pages by (assigned date, then person): keyset paging
-- "(assigned_at, user_id) > (cursor)" and the CSV export read it in order. Replaces V1's (pool_id, assigned_at), which
-- it covers as a prefix.
create index assignments_holders_by_pool on assignments (pool_id, assigned_at, user_id) where released_at is null;
drop index assignments_active_by_pool;

-- A pool's ledger newest first (keyset "(occurred_at, id) < (cursor)"). V1's (pool_id, id) served the old id-ordered
-- page; this one leads with pool_id too (the foreign key to license_pools), so that one is dropped.
create index seat_ledger_pool_time on seat_ledger (pool_id, occurred_at desc, id desc);
drop index seat_ledger_pool;

-- A pool's ledger filtered by person: the rows about them and the reassignments away from them, newest first.
create index seat_ledger_pool_person on seat_ledger (pool_id, user_id, occurred_at desc, id desc) where user_id is not null;
create index seat_ledger_pool_from_person on seat_ledger (pool_id, from_user_id, occurred_at desc, id desc)
    where from_user_id is not null;

-- The holders page's chart: a pool's ledger summed per day in its district's time zone. Summing a million-row ledger on
-- every page view does not stay fast, so the sums are kept, in the same statement as the ledger rows, by a
-- statement-level trigger (one upsert per pool and day of the statement, in (pool, day) order, as V21 keeps the counts).
-- Exact in the same transaction, never stale; the ledger is append-only, so sums only grow by new rows. A district's
-- time zone does not change (no API or form changes it), so the day of a row is fixed when it is written.
create table seat_ledger_days (
    pool_id  uuid   not null,
    day      date   not null,
    seats    bigint not null,
    assigned bigint not null,
    primary key (pool_id, day)
);

create function seat_ledger_days_add() returns trigger language plpgsql as $$
begin
    insert into seat_ledger_days (pool_id, day, seats, assigned)
    select n.pool_id, (n.occurred_at at time zone d.timezone)::date, sum(n.seats_delta), sum(n.assigned_delta)
    from new_rows n join districts d on d.id = n.district_id
    group by 1, 2
    order by 1, 2
    on conflict (pool_id, day) do update
        set seats = seat_ledger_days.seats + excluded.seats, assigned = seat_ledger_days.assigned + excluded.assigned;
    return null;
end $$;

create trigger seat_ledger_days_add after insert on seat_ledger
    referencing new table as new_rows for each statement execute function seat_ledger_days_add();

insert into seat_ledger_days (pool_id, day, seats, assigned)
select l.pool_id, (l.occurred_at at time zone d.timezone)::date, sum(l.seats_delta), sum(l.assigned_delta)
from seat_ledger l join districts d on d.id = l.district_id
group by 1, 2;
