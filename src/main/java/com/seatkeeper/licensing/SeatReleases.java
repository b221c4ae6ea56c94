package com.seatkeeper.licensing;

import com.seatkeeper.licensing.LicenseEvents.LicenseUnassigned;
import com.seatkeeper.roster.UserDeactivated;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Frees the seats of a person who left: on {@link UserDeactivated}, synchronously and inside the
 * deactivation's own transaction (MANDATORY: there is no way to run it outside one), so an
 * inactive person never holds a seat, not even for a moment another transaction could see.
 * Lock order as in every seat change: the person's row (already locked by the roster module),
 * then the pools, in id order. Each freed seat is written to the seat ledger as
 * RELEASED_BY_DEACTIVATION with assigned_delta -1.
 */
@Component
class SeatReleases {
    static final String RELEASED_BY_DEACTIVATION = "RELEASED_BY_DEACTIVATION";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SeatReleases(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(UserDeactivated e) {
        List<PoolId> released = releaseAll(e.userId(), e.actor(), e.source(), RELEASED_BY_DEACTIVATION, "person deactivated");
        released.forEach(pool -> events.publishEvent(new LicenseUnassigned(e.districtId(), pool, e.userId(), RELEASED_BY_DEACTIVATION)));
    }

    /** Releases every active seat of the person and writes one ledger row per seat; returns the pools. */
    List<PoolId> releaseAll(UserId user, String actor, String source, String action, String reason) {
        UUID[] pools = jdbc.sql("select distinct pool_id from assignments where user_id = ? and released_at is null")
                .param(user.value()).query(UUID.class).list().toArray(UUID[]::new);
        if (pools.length == 0) {
            return List.of();
        }
        jdbc.sql("select id from license_pools where id = any(?) order by id for no key update").param(pools).query(UUID.class).list();
        Timestamp now = Timestamp.from(Instant.now(clock));
        return jdbc.sql("""
                        with released as (
                            update assignments set released_at = :now, released_by = :actor, release_reason = :action
                            where user_id = :user and released_at is null
                            returning district_id, pool_id, user_id)
                        insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, reason, actor, source,
                                                 occurred_at)
                        select district_id, pool_id, :action, user_id, -1, 0, :reason, :actor, :source, :now from released
                        returning pool_id""")
                .param("now", now).param("actor", actor).param("action", action).param("user", user.value())
                .param("reason", reason).param("source", source)
                .query((rs, n) -> new PoolId(rs.getObject(1, UUID.class))).list();
    }
}
