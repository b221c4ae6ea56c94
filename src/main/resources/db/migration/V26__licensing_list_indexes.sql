-- Large districts: licensing lists (issue 12; docs/design.md "Large districts: licensing lists"). Each index matches one
-- list's filter and sort order, so a page is an index range scan that stops after the page's rows, whatever the size of
-- the pool, its ledger or the other districts' rows in the same tables. LicensingQueryPlansTest checks the plans.

-- The holders of a pool in the order every holders list pages by (assigned date, then person): keyset paging
-- "(assigned_at, user_id) > (cursor)" and the CSV export read it in order. Replaces V1's (pool_id, assigned_at), which
-- it covers as a prefix.
create index assignments_holders_by_pool on assignments (pool_id, assigned_at, user_id) where released_at is null;
drop index assignments_active_by_pool;

-- A pool's ledger newest first (keyset "(occurred_at, id) < (cursor)"). The deltas are included so that the holders
-- page's chart (the pool's ledger summed per day, LicenseQueryStore.ledgerDays) is an index-only scan of the pool's rows.
create index seat_ledger_pool_time on seat_ledger (pool_id, occurred_at desc, id desc) include (seats_delta, assigned_delta);
-- V1's (pool_id, id) served the old id-ordered page and the chart; both use the index above now (which also leads with
-- pool_id, for the foreign key to license_pools), so it is dropped: one index less to write per ledger row.
drop index seat_ledger_pool;

-- A pool's ledger filtered by person: the rows about them and the reassignments away from them, newest first.
create index seat_ledger_pool_person on seat_ledger (pool_id, user_id, occurred_at desc, id desc) where user_id is not null;
create index seat_ledger_pool_from_person on seat_ledger (pool_id, from_user_id, occurred_at desc, id desc)
    where from_user_id is not null;
