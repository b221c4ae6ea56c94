-- access: who issued an API token, as the console's token page shows it ("created by"). The issuer's label (email or
-- name) when the token was issued: the issuer may be a start-up task without an account. Null for tokens issued before.
alter table api_tokens add column created_by text;

-- the console lists a district's tokens newest first
create index api_tokens_district_created on api_tokens (district_id, created_at desc);
