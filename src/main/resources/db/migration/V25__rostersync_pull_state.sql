-- Delta pulls (issue 10 "Scale", issue 11 "Delta pulls", docs/design.md "Rostering sync"): what the last applied sync of
-- a connection left for the next one. Moved only when a sync ends APPLIED; cleared when the connection's source, address
-- or client changes (ConnectionStore.save), so a new connection starts with a full pull.
alter table rostering_connections
    add column last_pull_started_at      timestamptz,
    add column last_full_pull_started_at timestamptz,
    -- the provider's position to resume from (Clever: the newest event id when the last applied pull began)
    add column pull_cursor               text,
    add column delta_support             text not null default 'UNKNOWN' check (delta_support in ('UNKNOWN', 'HONOURED', 'IGNORED'));
