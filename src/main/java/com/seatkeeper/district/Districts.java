package com.seatkeeper.district;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import java.time.Clock;
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

    /**
     * Creates a district (vendor admins). {@code name}: {@link Text#requiredLine} up to {@link Text#TITLE};
     * {@code timezone}: an IANA region id ({@link #timezoneRule}). Refusals: 400 {@code invalid_request} naming the field.
     */
    @Transactional
    public District create(Actor actor, String name, RosteringSource source, String timezone) {
        actor.requireAnyOf("create districts", ActorRole.VENDOR_ADMIN);
        String cleanName = Text.requireLine("name", name, Text.TITLE);
        if (source == null) {
            throw new InvalidRequestException("rosteringSource", "rosteringSource is required: MANUAL, CLEVER or CLASSLINK.");
        }
        timezoneRule(timezone).ifPresent(r -> {
            throw new InvalidRequestException(r.field(), r.message());
        });
        District d = new District(DistrictId.random(), cleanName, source, ZoneId.of(timezone.strip()), clock.instant());
        store.insert(d);
        return d;
    }

    /** The IANA areas whose Area/Location ids are accepted as district time zones (tz database, "Area/Location"). */
    private static final Set<String> AREAS = Set.of("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
            "Europe", "Indian", "Pacific");

    /**
     * A district's time zone is an IANA region id of the form Area/Location ({@code America/New_York}) or {@code UTC}, known to
     * this JVM's tz data. Offsets ({@code +05:00}, {@code UTC+5}) and abbreviations ({@code EST}) are refused: they have no
     * daylight-saving rules, so "today" and local midnight would be wrong for half the year. Empty when fine.
     */
    public static Optional<FieldRefusal> timezoneRule(String timezone) {
        String tz = timezone == null ? "" : timezone.strip();
        int slash = tz.indexOf('/');
        boolean region = tz.equals("UTC") || slash > 0 && AREAS.contains(tz.substring(0, slash));
        if (region && ZoneId.getAvailableZoneIds().contains(tz)) {
            return Optional.empty();
        }
        return Optional.of(new FieldRefusal("timezone", "timezone '" + Text.excerpt(Text.normalize(tz))
                + "' is not an IANA time zone name; use one such as America/New_York or America/Chicago (not an offset like +05:00"
                + " or an abbreviation like EST)."));
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

    /**
     * Sets where the district's roster comes from (rostersync's {@code PUT .../rostering}: a MANUAL district connected to
     * Clever becomes CLEVER, its roster read-only from then on). Vendor admins and district admins of the district; another
     * district is not found; other roles are forbidden.
     */
    @Transactional
    public District setRosteringSource(Actor actor, DistrictId id, RosteringSource source) {
        get(actor, id);
        actor.requireAnyOf("change the district's rostering source", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
        store.setRosteringSource(id, source);
        return store.find(id).orElseThrow();
    }

    /** For modules acting on a district already checked against the caller. */
    @Transactional(readOnly = true)
    public Optional<District> find(DistrictId id) {
        return store.find(id);
    }

    /**
     * Adds a school (vendor and district admins). Refused with {@link DistrictRefusal.RosterReadOnly}
     * (409) for a district admin of a Clever or ClassLink district, with a {@code FieldRefusal}
     * (400, field {@code name}) for a name {@link Text#requiredLine} refuses, and with
     * {@link DistrictRefusal.DuplicateSchoolName} (409, field {@code name}) when another school of the district has the
     * name, ignoring case (the unique index {@code schools_name_per_district} settles a race the same way). Schools
     * synced from Clever or ClassLink are held to the same index: the syncs must handle a clash of names.
     */
    @Transactional
    public Outcome<School> addSchool(Actor actor, DistrictId districtId, String name) {
        District d = get(actor, districtId);
        actor.requireAnyOf("add schools", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
        Optional<BusinessRefusal> refusal = Text.requiredLine("name", name, Text.TITLE).map(BusinessRefusal.class::cast)
                .or(() -> schoolsReadOnly(actor, d)).or(() -> nameTaken(districtId, Text.normalize(name), null));
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        School s = new School(SchoolId.random(), districtId, Text.normalize(name), "MANUAL", null, true, false);
        store.insertSchool(s, clock.instant());
        return Outcome.done(s);
    }

    /** What may change of a school; null leaves a value as it is. */
    public record SchoolChange(String name, Boolean teachersMayEnrollAnyStudent) {}

    /**
     * Renames a school and/or sets whether its teachers may enroll any of its active students
     * (district admins any school of their district, school admins their own schools, vendor admins
     * any; another school is not found). A name change in a Clever or ClassLink district is refused
     * with {@link DistrictRefusal.RosterReadOnly} except for vendor admins; the enrollment setting is
     * Seatkeeper's own and may be set in every district. A name another school of the district has (ignoring case) is
     * refused with {@link DistrictRefusal.DuplicateSchoolName}. Nothing changes when anything is refused.
     */
    @Transactional
    public Outcome<School> updateSchool(Actor actor, SchoolId schoolId, SchoolChange change) {
        School s = store.school(schoolId).orElseThrow(() -> new NotFoundException("school", schoolId));
        actor.requireVisible(s.districtId(), "school", schoolId); // the same 404 as for no such school, naming no district
        District d = get(actor, s.districtId());
        if (actor.role() == ActorRole.SCHOOL_ADMIN && !actor.schoolIds().contains(schoolId)) {
            throw new NotFoundException("school", schoolId);
        }
        actor.requireAnyOf("change schools", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        if (change.name() != null) {
            Optional<BusinessRefusal> refusal = Text.requiredLine("name", change.name(), Text.TITLE).map(BusinessRefusal.class::cast)
                    .or(() -> schoolsReadOnly(actor, d)).or(() -> nameTaken(d.id(), Text.normalize(change.name()), schoolId));
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            store.renameSchool(schoolId, Text.normalize(change.name()));
        }
        if (change.teachersMayEnrollAnyStudent() != null) {
            store.setTeachersMayEnrollAnyStudent(schoolId, change.teachersMayEnrollAnyStudent());
        }
        return Outcome.done(store.school(schoolId).orElseThrow());
    }

    /** Renames a school: {@link #updateSchool} with a name only. */
    @Transactional
    public Outcome<School> renameSchool(Actor actor, SchoolId schoolId, String name) {
        return updateSchool(actor, schoolId, new SchoolChange(name == null ? "" : name, null));
    }

    /**
     * Whether the caller may add, rename, deactivate or reactivate schools of the district by hand:
     * refused for everyone but vendor admins when the roster comes from Clever or ClassLink.
     */
    public static Optional<BusinessRefusal> schoolsReadOnly(Actor actor, District district) {
        return district.rosteringSource().isReadOnlyRoster() && !actor.isVendor()
                ? Optional.of(new DistrictRefusal.RosterReadOnly(district.rosteringSource())) : Optional.empty();
    }

    private Optional<BusinessRefusal> nameTaken(DistrictId districtId, String name, SchoolId except) {
        return store.schoolNameTaken(districtId, name, except) ? Optional.of(new DistrictRefusal.DuplicateSchoolName(name))
                : Optional.empty();
    }

    /** One page of {@link #schoolPage}: the schools, and how many match in all. */
    public record SchoolPage(List<School> schools, long total) {}

    /**
     * A page of the district's schools by name for the console's Schools list: those whose name contains {@code q}
     * (ignoring case; blank: all), at most {@code limit} (1–200) from {@code offset} (0 or more). A district has at most a
     * few thousand schools, so the offset stays small. A school admin sees only their schools.
     *
     * @throws com.seatkeeper.shared.InvalidInputException when {@code q} is not one line of at most 200 characters
     */
    @Transactional(readOnly = true)
    public SchoolPage schoolPage(Actor actor, DistrictId districtId, String q, int offset, int limit) {
        get(actor, districtId);
        com.seatkeeper.shared.Text.requireOptionalLine("q", q, com.seatkeeper.shared.Text.TITLE);
        int n = Math.min(Math.max(limit, 1), 200);
        int from = Math.max(offset, 0);
        if (actor.isDistrictWideAdmin()) {
            return new SchoolPage(store.schoolPage(districtId, q, from, n), store.countSchools(districtId, q));
        }
        List<School> mine = store.schools(districtId).stream().filter(s -> actor.schoolIds().contains(s.id()))
                .filter(s -> q == null || q.isBlank() || s.name().toLowerCase(java.util.Locale.ROOT).contains(q.strip().toLowerCase(java.util.Locale.ROOT)))
                .toList();
        return new SchoolPage(mine.subList(Math.min(from, mine.size()), Math.min(from + n, mine.size())), mine.size());
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
