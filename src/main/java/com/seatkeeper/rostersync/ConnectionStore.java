package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.shared.DistrictId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code rostering_connections} (V23): one per connected district, secrets as ciphertexts. */
@Repository
class ConnectionStore {
    private final JdbcClient jdbc;

    ConnectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A stored connection; secrets as ciphertexts (null when none is stored).
     *
     * @param nightlyQueuedFor the last local night whose NIGHTLY run was queued, null before the first
     */
    record Stored(DistrictId districtId, RosteringSource source, String cleverBaseUrl, String cleverApiVersion, byte[] cleverToken,
                  String oneRosterBaseUrl, String oneRosterVersion, String oneRosterAuth, String oneRosterClientId,
                  byte[] oneRosterClientSecret, String oneRosterTokenUrl, LocalTime nightlyAt, LocalDate nightlyQueuedFor,
                  Instant updatedAt, String updatedBy) {}

    /** A connected district whose nightly run may be due: its timezone and nightly time. */
    record NightlyCandidate(DistrictId districtId, ZoneId timezone, LocalTime nightlyAt) {}

    /**
     * A replaced connection that reads another provider (source, address, API version, client or secret changed): its pull
     * state starts again, so the next sync is a full pull.
     */
    private static final String NEW_PROVIDER = """
            (rostering_connections.source, rostering_connections.clever_base_url, rostering_connections.clever_api_version,
             rostering_connections.clever_token, rostering_connections.oneroster_base_url, rostering_connections.oneroster_version,
             rostering_connections.oneroster_client_id, rostering_connections.oneroster_client_secret)
            is distinct from (excluded.source, excluded.clever_base_url, excluded.clever_api_version, excluded.clever_token,
             excluded.oneroster_base_url, excluded.oneroster_version, excluded.oneroster_client_id, excluded.oneroster_client_secret)""";

    /** What the district's last applied syncs left for the next pull; {@link PullState#NONE} when not connected or never synced. */
    PullState pullState(DistrictId district) {
        return jdbc.sql("""
                        select last_pull_started_at, last_full_pull_started_at, pull_cursor, delta_support
                        from rostering_connections where district_id = ?""").param(district.value())
                .query((rs, n) -> new PullState(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), rs.getString(3),
                        PullState.DeltaSupport.valueOf(rs.getString(4))))
                .optional().orElse(PullState.NONE);
    }

    /**
     * Records an applied sync's pull: it began at {@code startedAt} ({@code full}: a full pull); {@code cursor} and
     * {@code deltaSupport} replace the stored ones unless null. Only when the connection is still the one pulled
     * ({@code source}): a connection replaced meanwhile keeps its fresh state.
     */
    void recordPull(DistrictId district, RosteringSource source, Instant startedAt, boolean full, String cursor,
                    PullState.DeltaSupport deltaSupport) {
        jdbc.sql("""
                        update rostering_connections set last_pull_started_at = :at,
                            last_full_pull_started_at = case when :full then :at else last_full_pull_started_at end,
                            pull_cursor = coalesce(:cursor, pull_cursor), delta_support = coalesce(:support, delta_support)
                        where district_id = :district and source = :source""")
                .param("at", Timestamp.from(startedAt)).param("full", full).param("cursor", cursor)
                .param("support", deltaSupport == null ? null : deltaSupport.name()).param("district", district.value())
                .param("source", source.name()).update();
    }

    /**
     * Asks for a full pull at the district's next sync (a changes-only sync was rejected): clears the last full pull's time,
     * keeping the rest ({@link PullPlan#decide} then plans FULL and says why).
     */
    void requireFullPull(DistrictId district) {
        jdbc.sql("update rostering_connections set last_full_pull_started_at = null where district_id = :district")
                .param("district", district.value()).update();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    Optional<Stored> find(DistrictId district) {
        return jdbc.sql("select * from rostering_connections where district_id = ?").param(district.value())
                .query(ConnectionStore::stored).optional();
    }

    /**
     * Inserts or replaces the district's connection (one row per district, primary key district_id); a replaced row keeps
     * its {@code nightly_queued_for} (only the nightly job moves it).
     */
    void save(Stored s) {
        jdbc.sql("""
                        insert into rostering_connections (district_id, source, clever_base_url, clever_api_version, clever_token,
                            oneroster_base_url, oneroster_version, oneroster_auth, oneroster_client_id, oneroster_client_secret,
                            oneroster_token_url, nightly_at, nightly_queued_for, updated_at, updated_by)
                        values (:district, :source, :cleverBaseUrl, :cleverApiVersion, :cleverToken, :orBaseUrl, :orVersion, :orAuth,
                            :orClientId, :orSecret, :orTokenUrl, :nightlyAt, :queuedFor, :updatedAt, :updatedBy)
                        on conflict (district_id) do update set source = excluded.source, clever_base_url = excluded.clever_base_url,
                            clever_api_version = excluded.clever_api_version, clever_token = excluded.clever_token,
                            oneroster_base_url = excluded.oneroster_base_url, oneroster_version = excluded.oneroster_version,
                            oneroster_auth = excluded.oneroster_auth, oneroster_client_id = excluded.oneroster_client_id,
                            oneroster_client_secret = excluded.oneroster_client_secret,
                            oneroster_token_url = excluded.oneroster_token_url, nightly_at = excluded.nightly_at,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                            last_pull_started_at = case when %1$s then null else rostering_connections.last_pull_started_at end,
                            last_full_pull_started_at = case when %1$s then null else rostering_connections.last_full_pull_started_at end,
                            pull_cursor = case when %1$s then null else rostering_connections.pull_cursor end,
                            delta_support = case when %1$s then 'UNKNOWN' else rostering_connections.delta_support end
                        """.formatted(NEW_PROVIDER))
                .param("district", s.districtId().value()).param("source", s.source().name())
                .param("cleverBaseUrl", s.cleverBaseUrl()).param("cleverApiVersion", s.cleverApiVersion())
                .param("cleverToken", s.cleverToken()).param("orBaseUrl", s.oneRosterBaseUrl())
                .param("orVersion", s.oneRosterVersion()).param("orAuth", s.oneRosterAuth()).param("orClientId", s.oneRosterClientId())
                .param("orSecret", s.oneRosterClientSecret()).param("orTokenUrl", s.oneRosterTokenUrl())
                .param("nightlyAt", s.nightlyAt()).param("queuedFor", s.nightlyQueuedFor()).param("updatedAt", Timestamp.from(s.updatedAt()))
                .param("updatedBy", s.updatedBy())
                .update();
    }

    /**
     * Connected districts (the district's source is the connection's) whose local date at {@code now} has no NIGHTLY run
     * queued yet: the candidates of one tick of the nightly job, which then applies the DST rule
     * ({@link NightlySchedule#due}). One statement over the primary keys of both tables.
     */
    List<NightlyCandidate> nightlyCandidates(Instant now) {
        return jdbc.sql("""
                        select c.district_id, d.timezone, c.nightly_at
                        from rostering_connections c join districts d on d.id = c.district_id
                        where d.rostering_source = c.source
                          and c.nightly_queued_for is distinct from (cast(:now as timestamptz) at time zone d.timezone)::date
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new NightlyCandidate(new DistrictId(rs.getObject(1, UUID.class)), ZoneId.of(rs.getString(2)),
                        rs.getObject(3, LocalTime.class)))
                .list();
    }

    /**
     * Claims the district's night for this instance: true when this statement moved {@code nightly_queued_for} to the night
     * (another instance's claim of the same night, committed or not, makes it false: the row lock waits for it). Run it in
     * the transaction that queues the run, so a refused queue gives the claim back.
     */
    boolean claimNight(DistrictId district, LocalDate night) {
        return jdbc.sql("""
                        update rostering_connections set nightly_queued_for = :night
                        where district_id = :district and nightly_queued_for is distinct from :night
                          and (nightly_queued_for is null or nightly_queued_for < :night)
                        """)
                .param("night", night).param("district", district.value()).update() == 1;
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(new DistrictId(rs.getObject("district_id", UUID.class)), RosteringSource.valueOf(rs.getString("source")),
                rs.getString("clever_base_url"), rs.getString("clever_api_version"), rs.getBytes("clever_token"),
                rs.getString("oneroster_base_url"), rs.getString("oneroster_version"), rs.getString("oneroster_auth"),
                rs.getString("oneroster_client_id"), rs.getBytes("oneroster_client_secret"), rs.getString("oneroster_token_url"),
                rs.getObject("nightly_at", LocalTime.class), rs.getObject("nightly_queued_for", LocalDate.class),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
