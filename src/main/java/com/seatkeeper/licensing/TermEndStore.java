package com.seatkeeper.licensing;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.UserId;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the nightly term end (see {@link TermEnds}): set-based, one statement per step and district. */
@Repository
class TermEndStore {
    private final JdbcClient jdbc;

    TermEndStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A district whose term end has not run for its current local date. */
    record Due(DistrictId districtId, LocalDate localDate) {}

    /** Districts whose local date (at the instant) has no run yet: one statement for all districts. */
    List<Due> due(Instant now) {
        return jdbc.sql("""
                select d.id, (cast(:now as timestamptz) at time zone d.timezone)::date as local_date
                from districts d
                where not exists (select 1 from term_end_runs r
                                  where r.district_id = d.id and r.local_date = (cast(:now as timestamptz) at time zone d.timezone)::date)
                order by d.id""")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Due(new DistrictId(rs.getObject(1, UUID.class)), rs.getDate(2).toLocalDate())).list();
    }

    /**
     * Claims the district's run for the date: true for the one transaction that inserted the row; another instance's
     * concurrent claim waits for this transaction and then finds the row (false), so the night's work runs once.
     */
    boolean claim(Due due, Instant now) {
        return jdbc.sql("""
                insert into term_end_runs (district_id, local_date, ran_at, expired_seats, started_seats) values (?, ?, ?, 0, 0)
                on conflict do nothing""")
                .params(due.districtId().value(), Date.valueOf(due.localDate()), Timestamp.from(now)).update() == 1;
    }

    /** The holders of seats of the district's pools whose term ended before the date (to be locked first). */
    List<UserId> holdersOfEndedTerms(Due due) {
        return jdbc.sql("""
                select distinct a.user_id from assignments a join license_pools lp on lp.id = a.pool_id
                where lp.district_id = ? and lp.ends_on < ? and a.released_at is null""")
                .params(due.districtId().value(), Date.valueOf(due.localDate()))
                .query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list();
    }

    /**
     * Makes the pending seats of the district's pools whose term has started current (after the expiry freed the old
     * ones); a pending seat whose holder still has another current seat stays pending (never two current seats).
     */
    int startPending(Due due) {
        return jdbc.sql("""
                update assignments a set pending = false
                from license_pools lp
                where lp.id = a.pool_id and lp.district_id = ? and lp.starts_on <= ? and a.pending and a.released_at is null
                  and not exists (select 1 from assignments b
                                  where b.user_id = a.user_id and b.district_id = a.district_id and b.product_id = a.product_id
                                    and b.seat_type = a.seat_type and b.released_at is null and not b.pending)""")
                .params(due.districtId().value(), Date.valueOf(due.localDate())).update();
    }

    void recordCounts(Due due, int expired, int started) {
        jdbc.sql("update term_end_runs set expired_seats = ?, started_seats = ? where district_id = ? and local_date = ?")
                .params(expired, started, due.districtId().value(), Date.valueOf(due.localDate())).update();
    }
}
