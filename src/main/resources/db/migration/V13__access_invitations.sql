-- Sign-in for real people (module access) and the mail outbox (module mail).

-- One-time links that let a person set their password: an invitation (valid 7 days) or a password reset (valid 1 hour).
-- Only the SHA-256 hash of the link's 256-bit secret is stored. A link is open while unused, not revoked and not expired;
-- a new link of an account revokes its open ones, and setting a password revokes them all.
create table account_links (
    id          uuid primary key,
    account_id  uuid not null references accounts (id),
    purpose     text not null check (purpose in ('INVITATION', 'RESET')),
    secret_hash bytea not null unique check (length(secret_hash) = 32),
    created_at  timestamptz not null,
    expires_at  timestamptz not null check (expires_at > created_at),
    used_at     timestamptz,
    revoked_at  timestamptz,
    check (used_at is null or revoked_at is null)
);
create index account_links_open_by_account on account_links (account_id) where used_at is null and revoked_at is null;

-- Mail written in the same transaction as what it tells (an invitation, a reset link), delivered afterwards by a
-- scheduled job with retries. The body carries a one-time link, so it is erased once the mail was handed to SMTP;
-- in demo mode (CAUGHT) mail never leaves the machine and is kept for the console's Outbox page.
create table mail_outbox (
    id              uuid primary key,
    seq             bigint generated always as identity, -- first in, first out among mails due at the same instant
    recipient       text not null,
    subject         text not null,
    body            text,
    created_at      timestamptz not null,
    status          text not null check (status in ('PENDING', 'SENT', 'CAUGHT', 'FAILED')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    last_error      text,
    check ((status = 'PENDING') = (delivered_at is null) or status = 'FAILED'),
    check (status <> 'SENT' or body is null)
);
create index mail_outbox_pending on mail_outbox (next_attempt_at, seq) where status = 'PENDING';
create index mail_outbox_by_time on mail_outbox (created_at desc);

-- Sign-in throttling by email and client address together (a failure from one address does not slow the same email
-- from another), with the address alone counted for a looser limit. Keyed by a hash of the typed email as before.
drop table sign_in_failures;
create table sign_in_failures (
    email_hash bytea not null,
    address    text not null,
    failed_at  timestamptz not null
);
create index sign_in_failures_by_pair on sign_in_failures (email_hash, address, failed_at);
create index sign_in_failures_by_address on sign_in_failures (address, failed_at);
create index sign_in_failures_by_time on sign_in_failures (failed_at);
