package com.seatkeeper.roster;

import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.SchoolId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deactivating and reactivating schools (district admins, of manual districts; vendor admins of any district). A school is deactivated only when no
 * active person belongs to it, so closing a school never releases licenses by accident: people
 * are moved or deactivated first, each with its own confirmation.
 */
@Service
public class SchoolClosing {
    private final Districts districts;
    private final JdbcClient jdbc;

    SchoolClosing(Districts districts, JdbcClient jdbc) {
        this.districts = districts;
        this.jdbc = jdbc;
    }

    @Transactional
    public Outcome<School> deactivate(Actor actor, SchoolId schoolId) {
        School school = visible(actor, schoolId);
        Optional<BusinessRefusal> readOnly = Districts.schoolsReadOnly(actor, districts.get(actor, school.districtId()));
        if (readOnly.isPresent()) {
            return Outcome.refused(readOnly.get());
        }
        // lock the school row so no one is added to it between the count and the change
        jdbc.sql("select id from schools where id = ? for update").param(schoolId.value()).query(UUID.class).single();
        long active = jdbc.sql("""
                select count(*) from user_schools us join users u on u.id = us.user_id
                where us.school_id = ? and u.status = 'ACTIVE'""").param(schoolId.value()).query(Long.class).single();
        if (active > 0) {
            return Outcome.refused(new RosterRefusal.SchoolInUse(school.name(), active));
        }
        return Outcome.done(districts.setSchoolActive(actor, schoolId, false));
    }

    @Transactional
    public Outcome<School> reactivate(Actor actor, SchoolId schoolId) {
        School school = visible(actor, schoolId);
        Optional<BusinessRefusal> readOnly = Districts.schoolsReadOnly(actor, districts.get(actor, school.districtId()));
        if (readOnly.isPresent()) {
            return Outcome.refused(readOnly.get());
        }
        return Outcome.done(districts.setSchoolActive(actor, schoolId, true));
    }

    private School visible(Actor actor, SchoolId schoolId) {
        School school = districts.school(schoolId).orElseThrow(() -> new NotFoundException("school", schoolId));
        actor.requireVisible(school.districtId(), "school", schoolId);
        actor.requireAnyOf("deactivate or reactivate schools", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
        return school;
    }
}
