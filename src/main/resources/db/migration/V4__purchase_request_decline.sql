-- The vendor admin may decline a purchase request (with a reason the district admin sees). A declined
-- request adds no seats and stays recorded, like a fulfilled one: who declined it, when and why.
alter table purchase_requests drop constraint purchase_requests_status_check;
alter table purchase_requests
    add column declined_by    text,
    add column declined_at    timestamptz,
    add column decline_reason text check (length(decline_reason) <= 2000),
    add constraint purchase_requests_status_check check (status in ('OPEN', 'FULFILLED', 'DECLINED')),
    add constraint purchase_requests_declined_when check ((status = 'DECLINED') = (declined_at is not null)),
    add constraint purchase_requests_declined_by check ((status = 'DECLINED') = (declined_by is not null)),
    add constraint purchase_requests_declined_why check ((status = 'DECLINED') = (decline_reason is not null));
