-- New seat-ledger actions: seats released because a person's role or schools changed
-- (RELEASED_BY_ROSTER_CHANGE), by a bulk upload (RELEASED_BY_UPLOAD), and seats given by the renewal
-- of a pool (RENEWED). The source column says where a change came from (MANUAL, UPLOAD, CLEVER,
-- CLASSLINK, SCHEDULER).
alter table seat_ledger drop constraint seat_ledger_action_check;
alter table seat_ledger add constraint seat_ledger_action_check check (action in (
    'POOL_OPENED', 'PURCHASED', 'ASSIGNED', 'UNASSIGNED', 'REASSIGNED', 'RELEASED_BY_SYNC', 'RELEASED_BY_UPLOAD',
    'RELEASED_BY_DEACTIVATION', 'RELEASED_BY_ROSTER_CHANGE', 'EXPIRED', 'RENEWED', 'REFUSED'));
