package com.seatkeeper.district;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.SchoolId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DistrictStore {
    private final JdbcClient jdbc;

    DistrictStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(District d) {
        jdbc.sql("insert into districts (id, name, rostering_source, timezone, created_at) values (?, ?, ?, ?, ?)")
                .params(d.id().value(), d.name(), d.rosteringSource().name(), d.timezone().getId(), Timestamp.from(d.createdAt()))
                .update();
    }

    Optional<District> find(DistrictId id) {
        return jdbc.sql("select * from districts where id = ?").param(id.value()).query(DistrictStore::district).optional();
    }

    void setRosteringSource(DistrictId id, RosteringSource source) {
        jdbc.sql("update districts set rostering_source = ? where id = ?").params(source.name(), id.value()).update();
    }

    List<District> all() {
        return jdbc.sql("select * from districts order by name").query(DistrictStore::district).list();
    }

    void insertSchool(School s, Instant now) {
        jdbc.sql("insert into schools (id, district_id, name, source, sourced_id, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(s.id().value(), s.districtId().value(), s.name(), s.source(), s.sourcedId(), Timestamp.from(now))
                .update();
    }

    List<School> schools(DistrictId districtId) {
        return jdbc.sql("select * from schools where district_id = ? order by name")
                .param(districtId.value()).query(DistrictStore::school).list();
    }

    /**
     * A page of the district's schools by name (then id), those whose name contains {@code q} (case-insensitive, literal:
     * {@code %} and {@code _} match themselves) when given: at most {@code limit} from {@code offset}.
     */
    List<School> schoolPage(DistrictId districtId, String q, int offset, int limit) {
        return jdbc.sql("""
                        select * from schools where district_id = :district and (:q is null or name ilike :q escape '\\')
                        order by name, id offset :offset limit :limit""")
                .param("district", districtId.value()).param("q", contains(q), Types.VARCHAR).param("offset", offset)
                .param("limit", limit).query(DistrictStore::school).list();
    }

    /** How many schools {@link #schoolPage} pages through. */
    long countSchools(DistrictId districtId, String q) {
        return jdbc.sql("select count(*) from schools where district_id = :district and (:q is null or name ilike :q escape '\\')")
                .param("district", districtId.value()).param("q", contains(q), Types.VARCHAR).query(Long.class).single();
    }

    private static String contains(String q) {
        return q == null || q.isBlank() ? null
                : "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Whether another school of the district (not {@code except}, when given) has the name, ignoring case. */
    boolean schoolNameTaken(DistrictId districtId, String name, SchoolId except) {
        return jdbc.sql("""
                        select exists (select 1 from schools
                                       where district_id = :district and lower(name) = lower(:name) and id is distinct from :except)
                        """) // served by the unique index schools_name_per_district (V19)
                .param("district", districtId.value()).param("name", name).param("except", except == null ? null : except.value(),
                        Types.OTHER)
                .query(Boolean.class).single();
    }

    void renameSchool(SchoolId id, String name) {
        jdbc.sql("update schools set name = ? where id = ?").params(name, id.value()).update();
    }

    Optional<School> school(SchoolId id) {
        return jdbc.sql("select * from schools where id = ?").param(id.value()).query(DistrictStore::school).optional();
    }

    Set<SchoolId> schoolsOfDistrict(DistrictId districtId, Collection<SchoolId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        UUID[] array = ids.stream().map(SchoolId::value).toArray(UUID[]::new);
        return new HashSet<>(jdbc.sql("select id from schools where district_id = ? and id = any(?) and status = 'ACTIVE'")
                .params(districtId.value(), array)
                .query((rs, n) -> new SchoolId(rs.getObject(1, UUID.class))).list());
    }

    private static District district(ResultSet rs, int n) throws SQLException {
        return new District(new DistrictId(rs.getObject("id", UUID.class)), rs.getString("name"),
                RosteringSource.valueOf(rs.getString("rostering_source")), ZoneId.of(rs.getString("timezone")),
                rs.getTimestamp("created_at").toInstant());
    }

    private static School school(ResultSet rs, int n) throws SQLException {
        return new School(new SchoolId(rs.getObject("id", UUID.class)), new DistrictId(rs.getObject("district_id", UUID.class)),
                rs.getString("name"), rs.getString("source"), rs.getString("sourced_id"), "ACTIVE".equals(rs.getString("status")),
                rs.getBoolean("teachers_may_enroll_any_student"));
    }

    void setSchoolActive(SchoolId id, boolean active) {
        jdbc.sql("update schools set status = ? where id = ?").params(active ? "ACTIVE" : "INACTIVE", id.value()).update();
    }

    void setTeachersMayEnrollAnyStudent(SchoolId id, boolean allowed) {
        jdbc.sql("update schools set teachers_may_enroll_any_student = ? where id = ?").params(allowed, id.value()).update();
    }
}
