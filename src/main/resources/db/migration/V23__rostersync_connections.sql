-- Rostering sync (issue 10, docs/design.md "Rostering sync"): one connection per district to Clever or a OneRoster REST
-- server. district_id leads every key (Citus later: distributed by district). Secrets are AES-GCM ciphertexts made by
-- platform.Secrets (format byte, key id, nonce, ciphertext and tag), never plain text.
create table rostering_connections (
    district_id               uuid        not null references districts (id),
    source                    text        not null check (source in ('CLEVER', 'CLASSLINK')),
    -- Clever: the API root without version (the connector adds /v3.0 or /v3.1) and the district-app token
    clever_base_url           text,
    clever_api_version        text check (clever_api_version in ('3.0', '3.1')),
    clever_token              bytea,
    -- OneRoster 1.1 / 1.2 REST (issue 11): service root with its path, OAuth 1.0a or 2.0 client credentials
    oneroster_base_url        text,
    oneroster_version         text check (oneroster_version in ('1.1', '1.2')),
    oneroster_auth            text check (oneroster_auth in ('OAUTH1', 'OAUTH2')),
    oneroster_client_id       text,
    oneroster_client_secret   bytea,
    oneroster_token_url       text,
    -- local time of the nightly sync in the district's timezone
    nightly_at                time        not null default '02:00',
    -- the last local night whose NIGHTLY run was queued (claimed in the same transaction as the queue, see NightlySyncs)
    nightly_queued_for        date,
    updated_at                timestamptz not null,
    updated_by                text        not null,
    primary key (district_id),
    check (source <> 'CLEVER' or (clever_base_url is not null and clever_api_version is not null and clever_token is not null)),
    check (source <> 'CLASSLINK' or (oneroster_base_url is not null and oneroster_version is not null and oneroster_auth is not null
                                     and oneroster_client_id is not null and oneroster_client_secret is not null))
);
