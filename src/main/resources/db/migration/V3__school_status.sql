-- Schools can be deactivated (closed, merged) once no active person belongs to them; they stay
-- for history (classes, ledger) but take no new people, classes or pools.
alter table schools add column status text not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE'));
