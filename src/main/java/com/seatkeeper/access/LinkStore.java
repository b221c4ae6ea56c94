package com.seatkeeper.access;

import com.seatkeeper.shared.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code account_links}: one-time links to set a password, by the SHA-256 hash of their secret. */
@Repository
class LinkStore {
    private final JdbcClient jdbc;

    LinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record LinkRow(UUID id, UUID accountId, LinkPurpose purpose, Instant createdAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {}

    /** Revokes the account's open links (a password was set through one of them). */
    void revokeOpen(UUID account, Instant now) {
        jdbc.sql("update account_links set revoked_at = :now where account_id = :account and used_at is null and revoked_at is null")
                .param("now", Timestamp.from(now)).param("account", account).update();
    }

    /** Revokes the account's open links of one purpose (a resent invitation replaces the earlier one). */
    void revokeOpen(UUID account, LinkPurpose purpose, Instant now) {
        jdbc.sql("""
                update account_links set revoked_at = :now
                where account_id = :account and purpose = :purpose and used_at is null and revoked_at is null""")
                .param("now", Timestamp.from(now)).param("account", account).param("purpose", purpose.name()).update();
    }

    /**
     * Revokes the open links of the person's account (they were deactivated or became a student): one statement, the
     * account found by its person ({@code accounts.user_id} is unique), nothing when the person has no account.
     */
    void revokeOpenOfPerson(UserId person, Instant now) {
        jdbc.sql("""
                update account_links set revoked_at = :now
                where account_id = (select id from accounts where user_id = :person) and used_at is null and revoked_at is null""")
                .param("now", Timestamp.from(now)).param("person", person.value()).update();
    }

    void insert(UUID account, LinkPurpose purpose, byte[] secretHash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                insert into account_links (id, account_id, purpose, secret_hash, created_at, expires_at)
                values (:id, :account, :purpose, :hash, :now, :expires)""")
                .param("id", UUID.randomUUID()).param("account", account).param("purpose", purpose.name()).param("hash", secretHash)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt)).update();
    }

    Optional<LinkRow> byHash(byte[] secretHash) {
        return jdbc.sql("select * from account_links where secret_hash = :hash").param("hash", secretHash).query(LinkStore::row).optional();
    }

    /** The link, its row locked: two submissions of one link cannot both use it. */
    Optional<LinkRow> lockByHash(byte[] secretHash) {
        return jdbc.sql("select * from account_links where secret_hash = :hash for update").param("hash", secretHash).query(LinkStore::row).optional();
    }

    void markUsed(UUID id, Instant now) {
        jdbc.sql("update account_links set used_at = :now where id = :id").param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Whether a link of the purpose was made for the account after {@code since} (resets are sent at most once a minute). */
    boolean madeSince(UUID account, LinkPurpose purpose, Instant since) {
        return jdbc.sql("select exists (select 1 from account_links where account_id = :account and purpose = :purpose and created_at > :since)")
                .param("account", account).param("purpose", purpose.name()).param("since", Timestamp.from(since)).query(Boolean.class).single();
    }

    /** Until when the account's open link of the purpose works, if it has one. */
    Optional<Instant> openUntil(UUID account, LinkPurpose purpose, Instant now) {
        return jdbc.sql("""
                select max(expires_at) from account_links
                where account_id = :account and purpose = :purpose and used_at is null and revoked_at is null and expires_at > :now""")
                .param("account", account).param("purpose", purpose.name()).param("now", Timestamp.from(now))
                .query((rs, n) -> rs.getTimestamp(1)).optional().filter(Objects::nonNull).map(Timestamp::toInstant);
    }

    private static LinkRow row(ResultSet rs, int n) throws SQLException {
        return new LinkRow(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), LinkPurpose.valueOf(rs.getString("purpose")),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
