package com.seatkeeper.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxStore {
    private final JdbcClient jdbc;

    OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A pending mail claimed for delivery. */
    record Pending(UUID id, String recipient, String subject, String body, int attempts) {}

    void insert(UUID id, String recipient, String subject, String body, Instant now) {
        jdbc.sql("""
                insert into mail_outbox (id, recipient, subject, body, created_at, status, next_attempt_at)
                values (:id, :recipient, :subject, :body, :now, 'PENDING', :now)""")
                .param("id", id).param("recipient", recipient).param("subject", subject).param("body", body)
                .param("now", Timestamp.from(now)).update();
    }

    /**
     * Claims due pending mail, oldest first (in the order written when due at the same instant); rows another instance is delivering right now are skipped (skip locked), so
     * a mail is handed to SMTP by one instance only. Call inside the transaction that records the outcome.
     */
    List<Pending> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                select id, recipient, subject, body, attempts from mail_outbox
                where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at, seq limit :limit for update skip locked""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(Pending.class).list();
    }

    /** Handed to SMTP: the body (with its one-time link) is erased. */
    void sent(UUID id, Instant now) {
        jdbc.sql("update mail_outbox set status = 'SENT', body = null, delivered_at = :now, attempts = attempts + 1 where id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Kept on this machine (demo mode): the body stays for the Outbox page. */
    void caught(UUID id, Instant now) {
        jdbc.sql("update mail_outbox set status = 'CAUGHT', delivered_at = :now where id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** A failed attempt: tried again at {@code next}, or given up (FAILED, body erased) when {@code next} is null. */
    void failed(UUID id, String error, Instant next) {
        jdbc.sql("""
                update mail_outbox set attempts = attempts + 1, last_error = :error,
                  status = case when cast(:next as timestamptz) is null then 'FAILED' else status end,
                  body = case when cast(:next as timestamptz) is null then null else body end,
                  next_attempt_at = coalesce(cast(:next as timestamptz), next_attempt_at)
                where id = :id""")
                .param("error", error).param("next", next == null ? null : Timestamp.from(next)).param("id", id).update();
    }

    long countPending() {
        return jdbc.sql("select count(*) from mail_outbox where status = 'PENDING'").query(Long.class).single();
    }

    List<Outbox.OutboxMail> recent(int limit) {
        return jdbc.sql("""
                select id, recipient, subject, body, created_at, status, delivered_at from mail_outbox
                order by created_at desc, id limit :limit""")
                .param("limit", limit).query(OutboxStore::mail).list();
    }

    private static Outbox.OutboxMail mail(ResultSet rs, int n) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Outbox.OutboxMail(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("status"), delivered == null ? null : delivered.toInstant());
    }
}
