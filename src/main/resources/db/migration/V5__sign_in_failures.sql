-- Failed console sign-ins, for throttling (module access). In the database so that every instance
-- counts the same failures and a restart does not reset them. Keyed by a SHA-256 hash of the typed
-- email (trimmed, lower-cased), so mistyped addresses are not stored; no district (the email may
-- belong to no account). Rows older than the throttling window are deleted as new failures come in.
create table sign_in_failures (
    email_hash bytea not null,
    failed_at  timestamptz not null
);
create index sign_in_failures_by_email on sign_in_failures (email_hash, failed_at);
create index sign_in_failures_by_time on sign_in_failures (failed_at);
