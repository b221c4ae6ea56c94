package com.seatkeeper.roster;

import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RosterStore {
    static final String USER_COLUMNS = """
            u.id, u.district_id, u.given_name, u.family_name, u.email, u.role, u.status, u.source, u.sourced_id,
            array(select us.school_id from user_schools us where us.user_id = u.id order by us.school_id) as school_ids
            """;
    static final String CLASS_COLUMNS = """
            c.id, c.district_id, c.school_id, c.name, c.source, c.sourced_id,
            array(select e.user_id from enrollments e where e.class_id = c.id and e.role = 'TEACHER' order by e.user_id) as teacher_ids,
            array(select e.user_id from enrollments e where e.class_id = c.id and e.role = 'STUDENT' order by e.user_id) as student_ids
            """;

    private final JdbcClient jdbc;

    RosterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertUser(RosterUser u, Instant now) {
        insertUser(u, null, now);
    }

    /** Inserts the person with their schools; {@code createdBy} is the person who created them by hand (null: none, e.g. vendor staff). */
    void insertUser(RosterUser u, UserId createdBy, Instant now) {
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, email, role, status, source, sourced_id, created_at, updated_at,
                                   created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(u.id().value(), u.districtId().value(), u.givenName(), u.familyName(), u.email(), u.role().name(),
                        u.status().name(), u.source().name(), u.sourcedId(), Timestamp.from(now), Timestamp.from(now),
                        createdBy == null ? null : createdBy.value())
                .update();
        for (SchoolId s : u.schoolIds()) {
            jdbc.sql("insert into user_schools (district_id, user_id, school_id) values (?, ?, ?)")
                    .params(u.districtId().value(), u.id().value(), s.value()).update();
        }
    }

    Optional<RosterUser> user(UserId id) {
        return jdbc.sql("select " + USER_COLUMNS + " from users u where u.id = ?").param(id.value())
                .query(RosterStore::user).optional();
    }

    // FOR NO KEY UPDATE: serializes seat and roster changes of one person without blocking foreign-key checks.
    // The person is read by a second statement: a statement that waited for the lock sees the person's row as
    // the other transaction left it, but their schools (another table) as they were before it waited.
    Optional<RosterUser> lockUser(UserId id) {
        boolean found = !jdbc.sql("select id from users where id = ? for no key update").param(id.value()).query().listOfRows().isEmpty();
        return found ? user(id) : Optional.empty();
    }

    Map<UserId, RosterUser> lockUsers(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("select id from users where id = any(?) order by id for no key update").param(uuids(ids)).query().listOfRows();
        Map<UserId, RosterUser> out = new LinkedHashMap<>();
        jdbc.sql("select " + USER_COLUMNS + " from users u where u.id = any(?) order by u.id")
                .param(uuids(ids)).query(RosterStore::user).list().forEach(u -> out.put(u.id(), u));
        return out;
    }

    /**
     * Locks (in id order) and reads the people of the district among {@code ids} whom the scope reaches: ids of other
     * districts or outside the scope are neither locked nor returned.
     */
    Map<UserId, RosterUser> lockUsers(DistrictId district, Rosters.Scope scope, Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("district", district.value());
        params.put("ids", uuids(ids));
        List<UUID> locked = jdbc.sql("select u.id from users u where u.district_id = :district and u.id = any(:ids)"
                        + scopeCondition(scope, params) + " order by u.id for no key update of u")
                .params(params).query((rs, n) -> rs.getObject(1, UUID.class)).list();
        return lockedUsers(locked);
    }

    private Map<UserId, RosterUser> lockedUsers(List<UUID> ids) {
        Map<UserId, RosterUser> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select " + USER_COLUMNS + " from users u where u.id = any(?) order by u.id")
                .param(ids.toArray(UUID[]::new)).query(RosterStore::user).list().forEach(u -> out.put(u.id(), u));
        return out;
    }

    Map<UserId, RosterUser> users(DistrictId districtId, Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UserId, RosterUser> out = new HashMap<>();
        jdbc.sql("select " + USER_COLUMNS + " from users u where u.district_id = ? and u.id = any(?)")
                .params(districtId.value(), uuids(ids)).query(RosterStore::user).list().forEach(u -> out.put(u.id(), u));
        return out;
    }

    /** Of the given people, those who are students of one of the teacher's classes or were created by the teacher. */
    Set<UserId> ownStudents(UserId teacher, Collection<UserId> ids) {
        return new HashSet<>(jdbc.sql("""
                select u.id from users u
                where u.id = any(:ids)
                  and (u.created_by = :teacher
                       or exists (select 1 from enrollments e join enrollments t on t.class_id = e.class_id and t.role = 'TEACHER'
                                  where e.user_id = u.id and e.role = 'STUDENT' and t.user_id = :teacher))""")
                .param("ids", uuids(ids)).param("teacher", teacher.value())
                .query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list());
    }

    /** Of the given people, those who are students of one of the teacher's classes (the seat rule of {@link #inScope}). */
    Set<UserId> studentsOf(UserId teacher, Collection<UserId> ids) {
        return new HashSet<>(jdbc.sql("""
                select distinct e.user_id from enrollments t join enrollments e on e.class_id = t.class_id and e.role = 'STUDENT'
                where t.user_id = :teacher and t.role = 'TEACHER' and e.user_id = any(:ids)""")
                .param("teacher", teacher.value()).param("ids", uuids(ids))
                .query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list());
    }

    boolean inScope(UserId user, Rosters.Scope scope) {
        if (scope instanceof Rosters.Scope.Teacher t) {
            // a teacher's scope, for seat changes: the students of their classes
            return jdbc.sql("""
                    select exists (select 1 from enrollments e join enrollments t on t.class_id = e.class_id and t.role = 'TEACHER'
                                   where e.user_id = ? and e.role = 'STUDENT' and t.user_id = ?)""")
                    .params(user.value(), t.teacher().value()).query(Boolean.class).single();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("user", user.value());
        return jdbc.sql("select exists (select 1 from users u where u.id = :user" + scopeCondition(scope, params) + ")")
                .params(params).query(Boolean.class).single();
    }

    /**
     * The condition (after "where …", alias {@code u}) that keeps the people the scope sees: a school admin's schools'
     * people; a teacher, themself and the students of their classes (a semi-join that starts from the teacher's
     * enrollments, so a list does not test every person of the district).
     */
    static String scopeCondition(Rosters.Scope scope, Map<String, Object> params) {
        if (scope instanceof Rosters.Scope.Schools s) {
            params.put("scopeSchools", s.schoolIds().stream().map(SchoolId::value).toArray(UUID[]::new));
            return " and exists (select 1 from user_schools us2 where us2.user_id = u.id and us2.school_id = any(:scopeSchools))";
        }
        if (scope instanceof Rosters.Scope.Teacher t) {
            params.put("scopeTeacher", t.teacher().value());
            // a plain string: a text block would strip the leading space and glue "and" to the previous parameter
            return " and u.id in (select e.user_id from enrollments t join enrollments e on e.class_id = t.class_id"
                    + " where t.user_id = :scopeTeacher and t.role = 'TEACHER' union all select cast(:scopeTeacher as uuid))";
        }
        return "";
    }

    void insertClass(RosterClass c, Instant now) {
        jdbc.sql("insert into classes (id, district_id, school_id, name, source, sourced_id, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(c.id().value(), c.districtId().value(), c.schoolId().value(), c.name(), c.source().name(), c.sourcedId(),
                        Timestamp.from(now))
                .update();
        for (UserId t : c.teacherIds()) {
            enroll(c, t, "TEACHER");
        }
        for (UserId s : c.studentIds()) {
            enroll(c, s, "STUDENT");
        }
    }

    private void enroll(RosterClass c, UserId user, String role) {
        jdbc.sql("insert into enrollments (district_id, class_id, user_id, role) values (?, ?, ?, ?) on conflict do nothing")
                .params(c.districtId().value(), c.id().value(), user.value(), role).update();
    }

    static UUID[] uuids(Collection<UserId> ids) {
        return ids.stream().map(UserId::value).distinct().toArray(UUID[]::new);
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static RosterUser user(ResultSet rs, int n) throws SQLException {
        Set<SchoolId> schools = uuidList(rs.getArray("school_ids")).stream().map(SchoolId::new).collect(Collectors.toSet());
        return new RosterUser(new UserId(rs.getObject("id", UUID.class)), new DistrictId(rs.getObject("district_id", UUID.class)),
                rs.getString("given_name"), rs.getString("family_name"), rs.getString("email"), Role.valueOf(rs.getString("role")),
                UserStatus.valueOf(rs.getString("status")), RosterSource.valueOf(rs.getString("source")), rs.getString("sourced_id"),
                schools);
    }

    static RosterClass rosterClass(ResultSet rs, int n) throws SQLException {
        return new RosterClass(new ClassId(rs.getObject("id", UUID.class)), new DistrictId(rs.getObject("district_id", UUID.class)),
                new SchoolId(rs.getObject("school_id", UUID.class)), rs.getString("name"), RosterSource.valueOf(rs.getString("source")),
                rs.getString("sourced_id"),
                uuidList(rs.getArray("teacher_ids")).stream().map(UserId::new).toList(),
                uuidList(rs.getArray("student_ids")).stream().map(UserId::new).toList());
    }

    private static List<UUID> uuidList(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList((UUID[]) array.getArray()));
    }
}
