package com.seatkeeper.roster;

import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of class editing and people administration (the reads reuse {@link RosterStore}'s columns and mappers). */
@Repository
class RosterEditStore {
    private final JdbcClient jdbc;

    RosterEditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RosterClass> klass(ClassId id) {
        return jdbc.sql("select " + RosterStore.CLASS_COLUMNS + " from classes c where c.id = ?").param(id.value())
                .query(RosterStore::rosterClass).optional();
    }

    /** Locks the class row so that concurrent edits of one class serialize. */
    Optional<RosterClass> lockClass(ClassId id) {
        jdbc.sql("select 1 from classes where id = ? for no key update").param(id.value()).query().listOfRows();
        return klass(id);
    }

    boolean isTeacherOf(ClassId klass, UserId teacher) {
        return jdbc.sql("select exists (select 1 from enrollments where class_id = ? and user_id = ? and role = 'TEACHER')")
                .params(klass.value(), teacher.value()).query(Boolean.class).single();
    }

    void rename(ClassId id, String name) {
        jdbc.sql("update classes set name = ? where id = ?").params(name, id.value()).update();
    }

    void enroll(DistrictId district, ClassId klass, Collection<UserId> users, String role) {
        if (users.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into enrollments (district_id, class_id, user_id, role)
                select ?, ?, u, ? from unnest(?::uuid[]) as u
                on conflict do nothing""")
                .params(district.value(), klass.value(), role, RosterStore.uuids(users)).update();
    }

    int unenroll(ClassId klass, Collection<UserId> users, String role) {
        if (users.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from enrollments where class_id = ? and role = ? and user_id = any(?)")
                .params(klass.value(), role, RosterStore.uuids(users)).update();
    }

    void updateUser(UserId id, String given, String family, String email, String role, Set<SchoolId> schools, DistrictId district,
                    Instant now) {
        jdbc.sql("update users set given_name = ?, family_name = ?, email = ?, role = ?, updated_at = ? where id = ?")
                .params(given, family, email, role, Timestamp.from(now), id.value()).update();
        jdbc.sql("delete from user_schools where user_id = ? and not (school_id = any(?))")
                .params(id.value(), schools.stream().map(SchoolId::value).toArray(UUID[]::new)).update();
        for (SchoolId s : schools) {
            jdbc.sql("insert into user_schools (district_id, user_id, school_id) values (?, ?, ?) on conflict do nothing")
                    .params(district.value(), id.value(), s.value()).update();
        }
    }

    /** Whether someone else of the district has this email (as the unique index compares: ignoring case). */
    boolean emailTaken(DistrictId district, String email, UserId except) {
        return jdbc.sql("select exists (select 1 from users where district_id = ? and lower(email) = lower(?) and id <> ?)")
                .params(district.value(), email, except.value()).query(Boolean.class).single();
    }

    void setStatus(UserId id, UserStatus status, Instant now) {
        jdbc.sql("update users set status = ?, updated_at = ? where id = ?").params(status.name(), Timestamp.from(now), id.value()).update();
    }

    /**
     * Takes the person out of the classes they no longer fit after a change of role or schools, in one statement:
     * enrollments of the other kind than their role (a teacher who became a student teaches no class; a student who
     * became staff sits in none) and every enrollment in classes of the schools they left. Returns how many went.
     */
    int dropUnfitEnrollments(UserId user, Role role, Set<SchoolId> leftSchools) {
        return jdbc.sql("""
                delete from enrollments e using classes c
                where e.class_id = c.id and e.user_id = :user and (e.role <> :kind or c.school_id = any(:left))""")
                .param("user", user.value()).param("kind", role == Role.STUDENT ? "STUDENT" : "TEACHER")
                .param("left", leftSchools.stream().map(SchoolId::value).toArray(UUID[]::new))
                .update();
    }
}
