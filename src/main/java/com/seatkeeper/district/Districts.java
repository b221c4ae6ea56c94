package com.seatkeeper.district;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.SchoolId;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The district module's API: districts and schools, seen through the caller's scope. */
@Service
public class Districts {
    private final DistrictStore store;
    private final Clock clock;

    Districts(DistrictStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Transactional
    public District create(Actor actor, String name, RosteringSource source, String timezone) {
        actor.requireAnyOf("create districts", ActorRole.VENDOR_ADMIN);
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new InvalidRequestException("timezone", "timezone '" + timezone
                    + "' is not a known time zone; use an IANA name such as America/Chicago.");
        }
        District d = new District(DistrictId.random(), name.trim(), source, zone, clock.instant());
        store.insert(d);
        return d;
    }

    /** The district, or not-found when it does not exist or is not the caller's. */
    @Transactional(readOnly = true)
    public District get(Actor actor, DistrictId id) {
        actor.requireVisible(id, "district", id);
        return store.find(id).orElseThrow(() -> new NotFoundException("district", id));
    }

    @Transactional(readOnly = true)
    public List<District> list(Actor actor) {
        return actor.isVendor() ? store.all() : List.of(get(actor, actor.districtId()));
    }

    /** For modules acting on a district already checked against the caller. */
    @Transactional(readOnly = true)
    public Optional<District> find(DistrictId id) {
        return store.find(id);
    }

    @Transactional
    public School addSchool(Actor actor, DistrictId districtId, String name) {
        get(actor, districtId);
        actor.requireAnyOf("add schools", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
        School s = new School(SchoolId.random(), districtId, name.trim(), "MANUAL", null, true);
        store.insertSchool(s, clock.instant());
        return s;
    }

    /** Renames a school: district admins any school of their district, school admins their own schools. */
    @Transactional
    public School renameSchool(Actor actor, SchoolId schoolId, String name) {
        School s = store.school(schoolId).orElseThrow(() -> new NotFoundException("school", schoolId));
        get(actor, s.districtId());
        actor.requireAnyOf("rename schools", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        if (actor.role() == ActorRole.SCHOOL_ADMIN && !actor.schoolIds().contains(schoolId)) {
            throw new NotFoundException("school", schoolId);
        }
        if (name == null || name.isBlank() || name.trim().length() > 200) {
            throw new InvalidRequestException("name", "Give the school a name of 1 to 200 characters.");
        }
        store.renameSchool(schoolId, name.trim());
        return store.school(schoolId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<School> schools(Actor actor, DistrictId districtId) {
        get(actor, districtId);
        return store.schools(districtId);
    }

    /**
     * Marks a school active or inactive (district admins). Callers check first that no active
     * person belongs to it: see roster's {@code SchoolClosing}.
     */
    @Transactional
    public School setSchoolActive(Actor actor, SchoolId schoolId, boolean active) {
        School s = store.school(schoolId).orElseThrow(() -> new NotFoundException("school", schoolId));
        actor.requireVisible(s.districtId(), "school", schoolId);
        actor.requireAnyOf("deactivate or reactivate schools", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
        store.setSchoolActive(schoolId, active);
        return store.school(schoolId).orElseThrow();
    }

    /** The given schools that are active schools of the district (others are left out). */
    @Transactional(readOnly = true)
    public Set<SchoolId> schoolsOfDistrict(DistrictId districtId, Collection<SchoolId> ids) {
        return store.schoolsOfDistrict(districtId, ids);
    }

    @Transactional(readOnly = true)
    public Optional<School> school(SchoolId id) {
        return store.school(id);
    }
}
