-- Purchase requests: a district admin asks for more seats of a pool (with a note); the vendor
-- admin fulfils the request, which adds a purchase (and the ledger's PURCHASED row) in the same
-- transaction. Both steps stay recorded on the row: who asked when, who fulfilled when.
create table purchase_requests (
    id                 uuid primary key,
    district_id        uuid not null,
    pool_id            uuid not null,
    seats              integer not null check (seats > 0 and seats <= 1000000),
    note               text check (length(note) <= 2000),
    status             text not null check (status in ('OPEN', 'FULFILLED')),
    requested_by       text not null,
    requested_by_user  uuid,
    requested_at       timestamptz not null,
    fulfilled_by       text,
    fulfilled_at       timestamptz,
    purchase_reference text,
    foreign key (pool_id, district_id) references license_pools (id, district_id),
    check ((status = 'FULFILLED') = (fulfilled_at is not null)),
    check ((status = 'FULFILLED') = (fulfilled_by is not null))
);
create index purchase_requests_open on purchase_requests (requested_at) where status = 'OPEN';
create index purchase_requests_pool on purchase_requests (pool_id, requested_at);
