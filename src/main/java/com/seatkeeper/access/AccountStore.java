package com.seatkeeper.access;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountStore {
    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record AccountRow(UUID id, UUID districtId, UUID userId, boolean vendorAdmin, String email, String passwordHash, String label) {}

    Optional<AccountRow> byEmail(String email) {
        return jdbc.sql("select * from accounts where lower(email) = lower(?)").param(email).query(AccountRow.class).optional();
    }

    Optional<AccountRow> byId(UUID id) {
        return jdbc.sql("select * from accounts where id = ?").param(id).query(AccountRow.class).optional();
    }

    Optional<AccountRow> byUser(UserId user) {
        return jdbc.sql("select * from accounts where user_id = ?").param(user.value()).query(AccountRow.class).optional();
    }

    Optional<AccountRow> byTokenHash(byte[] hash) {
        return jdbc.sql("""
                select a.* from api_tokens t join accounts a on a.id = t.account_id
                where t.token_hash = ? and t.revoked_at is null""")
                .param(hash).query(AccountRow.class).optional();
    }

    /**
     * Inserts the account unless one with this id, person or email exists; returns the account's id either way.
     * A person whose email already signs in another account (the same person in two districts, say) gets an
     * account without a sign-in email: API tokens work for it, console sign-in by that email stays with the
     * first account.
     */
    UUID upsert(UUID id, DistrictId district, UserId user, String email, String passwordHash, String label, Instant now) {
        insert(id, district, user, email, passwordHash, label, now);
        if (user != null) {
            Optional<AccountRow> mine = byUser(user);
            if (mine.isEmpty() && email != null) { // the email was taken: the person's account signs in by token only
                insert(id, district, user, null, passwordHash, label, now);
                mine = byUser(user);
            }
            return mine.orElseThrow().id();
        }
        return email != null ? byEmail(email).orElseThrow().id() : id;
    }

    private void insert(UUID id, DistrictId district, UserId user, String email, String passwordHash, String label, Instant now) {
        jdbc.sql("""
                insert into accounts (id, district_id, user_id, vendor_admin, email, password_hash, label, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(id, district == null ? null : district.value(), user == null ? null : user.value(), district == null,
                        email, passwordHash, label, Timestamp.from(now))
                .update();
    }

    void setPassword(UUID account, String passwordHash) {
        jdbc.sql("update accounts set password_hash = ? where id = ?").params(passwordHash, account).update();
    }

    /** A new token; {@code createdBy} is the issuer's label (the console's "created by"). */
    UUID insertToken(UUID account, UUID district, String name, byte[] hash, Instant now, String createdBy) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into api_tokens (id, district_id, account_id, name, token_hash, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (token_hash) do nothing""")
                .params(id, district, account, name, hash, Timestamp.from(now), createdBy).update();
        return id;
    }

    /**
     * Inserts the token, or makes it valid again when this account already has it (revoked or not); false when the hash
     * is another account's token (nothing changed).
     */
    boolean installToken(UUID account, String name, byte[] hash, Instant now) {
        return jdbc.sql("""
                insert into api_tokens (id, district_id, account_id, name, token_hash, created_at)
                values (?, null, ?, ?, ?, ?)
                on conflict (token_hash) do update set revoked_at = null, name = excluded.name
                where api_tokens.account_id = excluded.account_id""")
                .params(UUID.randomUUID(), account, name, hash, Timestamp.from(now)).update() == 1;
    }

    /**
     * An API token as stored, without its hash. {@code userId} is null for vendor-admin tokens; {@code actsAs} is the label of
     * the account it acts as; {@code createdBy} the issuer's label (null for tokens issued before migration V17).
     */
    record TokenRow(UUID id, UUID districtId, UUID userId, String name, Instant createdAt, Instant revokedAt, String actsAs,
                    String createdBy) {}

    private static final String TOKEN_COLUMNS = """
            select t.id, t.district_id, a.user_id, t.name, t.created_at, t.revoked_at, a.label, t.created_by
            from api_tokens t join accounts a on a.id = t.account_id
            """;

    /** The API tokens of a district (of any of its people), newest first, at most 500. */
    java.util.List<TokenRow> tokensOfDistrict(UUID district) {
        return jdbc.sql(TOKEN_COLUMNS + " where t.district_id = ? order by t.created_at desc, t.id limit 500").param(district)
                .query(AccountStore::tokenRow).list();
    }

    Optional<TokenRow> token(UUID id) {
        return jdbc.sql(TOKEN_COLUMNS + " where t.id = ?").param(id).query(AccountStore::tokenRow).optional();
    }

    java.util.List<TokenRow> tokensOf(UserId user) {
        return jdbc.sql(TOKEN_COLUMNS + " where a.user_id = ? order by t.created_at desc, t.id limit 500").param(user.value())
                .query(AccountStore::tokenRow).list();
    }

    /** Revokes the token unless it already is; true when this call revoked it. */
    boolean revoke(UUID id, Instant now) {
        return jdbc.sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null").params(Timestamp.from(now), id).update() == 1;
    }

    private static TokenRow tokenRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new TokenRow(rs.getObject("id", UUID.class), rs.getObject("district_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("name"), rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant(),
                rs.getString("label"), rs.getString("created_by"));
    }

    /** Revokes every valid API token acting as the person. */
    void revokeTokensOf(UserId user, Instant now) {
        jdbc.sql("""
                update api_tokens t set revoked_at = ? from accounts a
                where a.id = t.account_id and a.user_id = ? and t.revoked_at is null""")
                .params(Timestamp.from(now), user.value()).update();
    }

    void revokeTokensNamed(UUID account, String name, byte[] except, Instant now) {
        jdbc.sql("update api_tokens set revoked_at = ? where account_id = ? and name = ? and token_hash <> ? and revoked_at is null")
                .params(Timestamp.from(now), account, name, except).update();
    }

    /**
     * The person's account signs in with the new email, or with none when the new email already signs in another
     * account (the old, corrected email must not keep signing in).
     */
    void changeEmail(UserId user, String email) {
        jdbc.sql("""
                update accounts set label = coalesce(cast(:email as text), label),
                    email = case when exists (select 1 from accounts o where lower(o.email) = lower(cast(:email as text)) and o.user_id is distinct from :user)
                                 then null else cast(:email as text) end
                where user_id = :user""")
                .param("email", email).param("user", user.value()).update();
    }
}
