-- Terms: the persistent scheduler's table (platform), nightly term-end runs and pending seats (licensing).

-- db-scheduler's table for PostgreSQL (as in db-scheduler's postgresql_tables.sql, 16.x): one row per
-- scheduled execution; instances pick due rows with an optimistic version update, so each execution
-- runs on one instance only.
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- One row per district and local date on which the term-end job ran: the primary key makes the
-- run happen once per district per night, whatever the number of instances or ticks.
create table term_end_runs (
    district_id   uuid not null references districts (id),
    local_date    date not null,
    ran_at        timestamptz not null,
    expired_seats integer not null,
    started_seats integer not null,
    primary key (district_id, local_date)
);

-- Pending seats: a renewal with carry-over gives the holders a seat of the next term's pool at
-- once (counted in its assigned), marked pending until the nightly job turns it current after
-- releasing the old seat. One current seat and at most one pending seat per person, product and
-- seat type; a pending seat's pool never shares a day with the pool it was carried from.
alter table assignments add column pending boolean not null default false;
drop index assignments_one_active_seat;
create unique index assignments_one_active_seat
    on assignments (district_id, product_id, seat_type, user_id) where released_at is null and not pending;
create unique index assignments_one_pending_seat
    on assignments (district_id, product_id, seat_type, user_id) where released_at is null and pending;

-- Which pool a renewal continues (null for a pool that was opened on its own).
alter table license_pools add column renewal_of uuid references license_pools (id);
create index license_pools_term on license_pools (district_id, ends_on);
