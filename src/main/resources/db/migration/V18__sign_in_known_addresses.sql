-- Where each email last signed in successfully (module access), so that the address-wide sign-in limit (one address
-- failing against many emails) does not slow a person who signs in from that address every day: a school's shared
-- address is not locked for its teachers by one student's made-up emails. Keyed like sign_in_failures by a hash of the
-- typed email. A pair counts as known for 90 days after its last success; older rows are deleted as sign-ins come in.
create table sign_in_known_addresses (
    email_hash      bytea not null check (length(email_hash) = 32),
    address         text not null,
    last_success_at timestamptz not null,
    primary key (email_hash, address)
);
create index sign_in_known_addresses_by_time on sign_in_known_addresses (last_success_at);
