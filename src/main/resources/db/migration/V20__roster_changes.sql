-- The roster-changes engine (issue 9, docs/design.md "Roster changes engine"): one row per run of an upload or a sync,
-- and the staging table a run's snapshot is copied into.

-- One run: who started it, its phase while RUNNING and its report once ended. district_id leads every key (Citus later:
-- distributed by district); the plain index on id answers GET /api/v1/sync-runs/{runId}.
create table sync_runs (
    id                   uuid not null,
    district_id          uuid not null references districts (id),
    trigger              text not null check (trigger in ('UPLOAD', 'NIGHTLY', 'SAME_DAY')),
    source               text not null check (source in ('UPLOAD', 'CLEVER', 'CLASSLINK')),
    status               text not null check (status in ('RUNNING', 'PREVIEW', 'APPLIED', 'HELD', 'REJECTED', 'DISCARDED')),
    dry_run              boolean not null,
    phase                text not null check (phase in ('RECEIVING', 'READING', 'CHECKING', 'COMPARING', 'APPLYING', 'DONE')),
    rows_read            bigint not null default 0,
    requested_by         text not null,
    requested_by_account uuid,
    started_at           timestamptz not null,
    ended_at             timestamptz,
    heartbeat_at         timestamptz not null,
    -- the kinds' file modes ({"USERS": "BULK", ...}) and the producer's reference column names, as given to staging()
    modes                jsonb not null default '{}',
    reference_columns    jsonb,
    skipped_people       bigint not null default 0,
    counts               jsonb,
    licenses             jsonb,
    problems             jsonb,
    problems_omitted     bigint not null default 0,
    reason               text,
    -- md5 of the change set the run compared (what it would insert, change and remove): a HELD or PREVIEW run is only
    -- applied later while the same comparison gives the same change set
    fingerprint          text,
    -- true while the run's rows are kept in staged_rows (HELD runs, the district's latest PREVIEW)
    staged               boolean not null default false,
    primary key (district_id, id)
);
create index sync_runs_id on sync_runs (id);
create index sync_runs_history on sync_runs (district_id, started_at desc, id);
-- one RUNNING run per district (a second start is 409 import_in_progress)
create unique index sync_runs_one_running on sync_runs (district_id) where status = 'RUNNING';
create index sync_runs_staged on sync_runs (started_at) where staged;

-- A run's snapshot, one table for every kind (rows arrive in any order through one COPY stream). UNLOGGED: staged rows
-- are scratch data, reloaded by uploading again after a crash. Columns per kind:
--   SCHOOL         sourced_id, name
--   PERSON         sourced_id, role, active, given_name, family_name, email
--   PERSON_SCHOOL  sourced_id (the person's), ref (a school's sourcedId) or ref_id (a school's id)
--   CLASS          sourced_id, name (title), ref (school sourcedId) or ref_id (school id), course, term
--   ENROLLMENT     sourced_id (the class's), ref (the person's sourcedId), role (TEACHER or STUDENT)
--   DELETE_SCHOOLS / DELETE_USERS / DELETE_CLASSES: sourced_id; DELETE_ENROLLMENTS: sourced_id (class), ref (person)
--   LICENSE        ref (the person's sourcedId), name (product code)
create unlogged table staged_rows (
    run_id      uuid not null,
    district_id uuid not null,
    kind        text not null,
    sourced_id  text,
    ref         text,
    ref_id      uuid,
    name        text,
    role        text,
    active      boolean,
    given_name  text,
    family_name text,
    email       text,
    course      text,
    term        text,
    file        text,
    line        bigint
);
create index staged_rows_key on staged_rows (run_id, kind, sourced_id);
create index staged_rows_ref on staged_rows (run_id, kind, ref);

-- The engine matches classes and schools by sourcedId within the district and source (people have
-- users_sourced_id_per_district since V1).
create index classes_sourced_id on classes (district_id, source, sourced_id) where sourced_id is not null;
create index schools_sourced_id on schools (district_id, source, sourced_id) where sourced_id is not null;
