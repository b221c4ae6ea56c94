-- Syncs on the roster-changes engine (issue 10, docs/design.md "Roster changes engine" and "Rostering sync").

-- A sync waits QUEUED for the scheduler; one that broke off (the provider refused, a page kept failing, the instance
-- stopped) ends FAILED. A sync reads pages from its provider (PULLING) after waiting (WAITING).
alter table sync_runs drop constraint sync_runs_status_check;
alter table sync_runs add constraint sync_runs_status_check
    check (status in ('QUEUED', 'RUNNING', 'PREVIEW', 'APPLIED', 'HELD', 'REJECTED', 'FAILED', 'DISCARDED'));
alter table sync_runs drop constraint sync_runs_phase_check;
alter table sync_runs add constraint sync_runs_phase_check
    check (phase in ('WAITING', 'PULLING', 'RECEIVING', 'READING', 'CHECKING', 'COMPARING', 'APPLYING', 'DONE'));
-- pages a sync read from its provider (0 for uploads)
alter table sync_runs add column pages_read bigint not null default 0;
-- the district's local date a NIGHTLY run is for: one per district and night, whichever instance queues it first
alter table sync_runs add column night date;
create unique index sync_runs_one_per_night on sync_runs (district_id, night) where trigger = 'NIGHTLY';
-- one QUEUED run per district (a second request is 409 sync_already_queued); RUNNING has its own (V20)
create unique index sync_runs_one_queued on sync_runs (district_id) where status = 'QUEUED';

-- A student's grade level as the source gives it (CEDS codes such as 09 or KG; Clever's grade; OneRoster's first
-- grades value), for auto-assignment rules by grade. Staged in staged_rows.name of a PERSON row.
alter table users add column grade text;

-- Why a sync holds back its removals (the source says the district is paused), null when it does not: nobody is set
-- inactive and nothing is removed; a confirm of a HELD run applies it the same way.
alter table sync_runs add column removals_held_why text;
