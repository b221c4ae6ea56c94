-- Seatkeeper core schema. Every table but the product catalog carries district_id, so the
-- data can later be distributed by district; composite foreign keys include district_id so
-- that no row can point across districts, whatever the Java code does.

create table districts (
    id               uuid primary key,
    name             text not null check (length(trim(name)) > 0),
    rostering_source text not null check (rostering_source in ('MANUAL', 'CLEVER', 'CLASSLINK')),
    timezone         text not null,
    created_at       timestamptz not null
);

create table schools (
    id          uuid primary key,
    district_id uuid not null references districts (id),
    name        text not null check (length(trim(name)) > 0),
    source      text not null check (source in ('MANUAL', 'UPLOAD', 'CLEVER', 'CLASSLINK')),
    sourced_id  text,
    created_at  timestamptz not null,
    unique (id, district_id)
);
create index schools_district on schools (district_id);

create table users (
    id          uuid primary key,
    district_id uuid not null references districts (id),
    given_name  text not null,
    family_name text not null,
    email       text,
    role        text not null check (role in ('STUDENT', 'TEACHER', 'SCHOOL_ADMIN', 'DISTRICT_ADMIN', 'STAFF')),
    status      text not null check (status in ('ACTIVE', 'INACTIVE')),
    source      text not null check (source in ('MANUAL', 'UPLOAD', 'CLEVER', 'CLASSLINK')),
    sourced_id  text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (id, district_id)
);
create index users_district_role on users (district_id, role, family_name, given_name);
create unique index users_email_per_district on users (district_id, lower(email)) where email is not null;
create unique index users_sourced_id_per_district on users (district_id, source, sourced_id) where sourced_id is not null;

create table user_schools (
    district_id uuid not null,
    user_id     uuid not null,
    school_id   uuid not null,
    primary key (user_id, school_id),
    foreign key (user_id, district_id) references users (id, district_id) on delete cascade,
    foreign key (school_id, district_id) references schools (id, district_id)
);
create index user_schools_school on user_schools (school_id);

create table classes (
    id          uuid primary key,
    district_id uuid not null,
    school_id   uuid not null,
    name        text not null check (length(trim(name)) > 0),
    course      text,
    term        text,
    source      text not null check (source in ('MANUAL', 'UPLOAD', 'CLEVER', 'CLASSLINK')),
    sourced_id  text,
    created_at  timestamptz not null,
    unique (id, district_id),
    foreign key (school_id, district_id) references schools (id, district_id)
);
create index classes_district_school on classes (district_id, school_id);

create table enrollments (
    district_id uuid not null,
    class_id    uuid not null,
    user_id     uuid not null,
    role        text not null check (role in ('TEACHER', 'STUDENT')),
    primary key (class_id, user_id),
    foreign key (class_id, district_id) references classes (id, district_id) on delete cascade,
    foreign key (user_id, district_id) references users (id, district_id)
);
create index enrollments_user on enrollments (user_id);

-- The product catalog is the company's, shared by all districts.
create table products (
    id             uuid primary key,
    code           text not null unique,
    name           text not null,
    educator_seats boolean not null,
    student_seats  boolean not null,
    created_at     timestamptz not null,
    check (educator_seats or student_seats)
);

create table license_pools (
    id          uuid primary key,
    district_id uuid not null references districts (id),
    product_id  uuid not null references products (id),
    seat_type   text not null check (seat_type in ('EDUCATOR', 'STUDENT')),
    school_id   uuid,
    starts_on   date not null,
    ends_on     date not null,
    -- seats = sum of purchases, assigned = number of active assignments; both are kept by
    -- triggers below in the same transaction, so they cannot drift from the rows they count.
    seats       integer not null default 0,
    assigned    integer not null default 0,
    created_at  timestamptz not null,
    constraint pool_assigned_within_seats check (assigned >= 0 and assigned <= seats),
    check (ends_on >= starts_on),
    unique (id, district_id),
    unique (id, district_id, product_id, seat_type),
    foreign key (school_id, district_id) references schools (id, district_id)
);
create index license_pools_district on license_pools (district_id, product_id, seat_type);

create table purchases (
    id           uuid primary key,
    district_id  uuid not null,
    pool_id      uuid not null,
    seats        integer not null check (seats > 0),
    reference    text,
    purchased_by text not null,
    purchased_at timestamptz not null,
    foreign key (pool_id, district_id) references license_pools (id, district_id)
);
create index purchases_pool on purchases (pool_id);

create table assignments (
    id             uuid primary key,
    district_id    uuid not null,
    pool_id        uuid not null,
    product_id     uuid not null,
    seat_type      text not null,
    user_id        uuid not null,
    assigned_at    timestamptz not null,
    assigned_by    text not null,
    last_active_at timestamptz,
    released_at    timestamptz,
    released_by    text,
    release_reason text,
    foreign key (pool_id, district_id, product_id, seat_type)
        references license_pools (id, district_id, product_id, seat_type),
    foreign key (user_id, district_id) references users (id, district_id),
    check ((released_at is null) = (release_reason is null))
);
-- Invariant 2: one active seat per (district, product, seat type, user).
create unique index assignments_one_active_seat
    on assignments (district_id, product_id, seat_type, user_id) where released_at is null;
create index assignments_active_by_pool on assignments (pool_id, assigned_at) where released_at is null;
create index assignments_active_by_user on assignments (user_id) where released_at is null;

-- Append-only seat history. assigned_delta / seats_delta let anyone check that the ledger
-- balances against the pool's counts.
create table seat_ledger (
    id              bigint generated always as identity primary key,
    district_id     uuid not null,
    pool_id         uuid not null,
    action          text not null check (action in ('POOL_OPENED', 'PURCHASED', 'ASSIGNED', 'UNASSIGNED', 'REASSIGNED',
                                                    'RELEASED_BY_SYNC', 'RELEASED_BY_DEACTIVATION', 'EXPIRED', 'REFUSED')),
    user_id         uuid,
    from_user_id    uuid,
    assigned_delta  integer not null default 0,
    seats_delta     integer not null default 0,
    reason          text,
    actor           text not null,
    source          text not null,
    occurred_at     timestamptz not null,
    foreign key (pool_id, district_id) references license_pools (id, district_id)
);
create index seat_ledger_pool on seat_ledger (pool_id, id);

create function seat_ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'seat_ledger is append-only';
end $$;
create trigger seat_ledger_append_only before update or delete on seat_ledger
    for each row execute function seat_ledger_is_append_only();

create function assignments_count_seats() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        if new.released_at is null then
            update license_pools set assigned = assigned + 1 where id = new.pool_id;
        end if;
    elsif tg_op = 'UPDATE' then
        if old.pool_id <> new.pool_id then
            raise exception 'an assignment cannot move between pools';
        end if;
        if old.released_at is null and new.released_at is not null then
            update license_pools set assigned = assigned - 1 where id = new.pool_id;
        elsif old.released_at is not null and new.released_at is null then
            update license_pools set assigned = assigned + 1 where id = new.pool_id;
        end if;
    elsif tg_op = 'DELETE' then
        if old.released_at is null then
            update license_pools set assigned = assigned - 1 where id = old.pool_id;
        end if;
        return old;
    end if;
    return new;
end $$;
create trigger assignments_count_seats after insert or update or delete on assignments
    for each row execute function assignments_count_seats();

create function purchases_count_seats() returns trigger language plpgsql as $$
begin
    update license_pools set seats = seats + new.seats where id = new.pool_id;
    return new;
end $$;
create trigger purchases_count_seats after insert on purchases
    for each row execute function purchases_count_seats();
create trigger purchases_append_only before update or delete on purchases
    for each row execute function seat_ledger_is_append_only();

-- Sign-in accounts and API tokens (module access). Vendor staff accounts have no district.
create table accounts (
    id            uuid primary key,
    district_id   uuid references districts (id),
    user_id       uuid unique,
    vendor_admin  boolean not null,
    email         text,
    password_hash text,
    label         text not null,
    created_at    timestamptz not null,
    foreign key (user_id, district_id) references users (id, district_id),
    -- a vendor admin account has no district and no roster person; every other account is a person of a district
    check (vendor_admin = (district_id is null) and vendor_admin = (user_id is null))
);
create unique index accounts_email on accounts (lower(email));

create table api_tokens (
    id          uuid primary key,
    district_id uuid references districts (id),
    account_id  uuid not null references accounts (id),
    name        text not null,
    token_hash  bytea not null unique,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

-- Spring Modulith's event publication registry (JDBC), created here so Flyway owns the schema.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
