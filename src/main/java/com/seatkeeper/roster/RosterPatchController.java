package com.seatkeeper.roster;

import com.seatkeeper.platform.ApiRefusals;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changing people and classes over the API as in the console, through the same services and with the
 * same refusals: {@code PATCH /api/v1/users/{userId}} (a change of role or schools releases the licenses
 * the person no longer qualifies for and says which; {@code ?dryRun=true} only says it) and
 * {@code PATCH /api/v1/classes/{classId}}.
 */
@RestController
class RosterPatchController {
    private final PeopleAdmin people;
    private final ClassEditing classes;

    RosterPatchController(PeopleAdmin people, ClassEditing classes) {
        this.people = people;
        this.classes = classes;
    }

    /** The fields to change; a field left out is kept; {@code "email": null} clears the email; any other explicit null is 400. */
    @Schema(description = "Fields to change; a field left out is kept; \"email\": null clears the email")
    static final class UserPatchBody {
        @Size(max = Text.NAME)
        @JsonSetter(nulls = Nulls.FAIL)
        public String givenName;
        @Size(max = Text.NAME)
        @JsonSetter(nulls = Nulls.FAIL)
        public String familyName;
        @Size(max = Text.EMAIL)
        private String email;
        private boolean emailGiven;
        @JsonSetter(nulls = Nulls.FAIL)
        public Role role;
        @JsonSetter(nulls = Nulls.FAIL)
        @Schema(description = "the person's new schools (all of them); a school admin changes only their own schools' memberships")
        public Set<UUID> schoolIds;

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
            this.emailGiven = true;
        }

        PeopleAdmin.PersonPatch patch() {
            Set<SchoolId> schools = schoolIds == null ? null : schoolIds.stream().map(SchoolId::new).collect(Collectors.toSet());
            return new PeopleAdmin.PersonPatch(givenName, familyName, emailGiven, email, role, schools);
        }
    }

    /** A license released by the change (or, in a dry run, that would be). */
    record ReleasedLicenseView(String poolId, String productCode, String productName, String seatType, String reason) {
        static ReleasedLicenseView of(ReleasedLicense r) {
            return new ReleasedLicenseView(r.poolId().toString(), r.productCode(), r.productName(), r.seatType(), r.reason());
        }
    }

    /** The person after the change (in a dry run: as they would be) and the licenses it released. */
    record PersonChangeView(String id, String givenName, String familyName, String email, Role role, UserStatus status,
                            RosterSource source, String sourcedId, List<String> schoolIds, boolean dryRun,
                            List<ReleasedLicenseView> releasedLicenses) {
        static PersonChangeView of(PeopleAdmin.PersonChange c) {
            RosterUser u = c.person();
            return new PersonChangeView(u.id().toString(), u.givenName(), u.familyName(), u.email(), u.role(), u.status(), u.source(),
                    u.sourcedId(), u.schoolIds().stream().map(SchoolId::toString).sorted().toList(), !c.saved(),
                    c.releasedLicenses().stream().map(ReleasedLicenseView::of).toList());
        }
    }

    /** What to change in a class; a part left out is kept, an explicit null is refused (a class: see SchoolController.SchoolPatch). */
    static final class ClassPatchBody {
        @Size(max = Text.TITLE)
        @JsonSetter(nulls = Nulls.FAIL)
        public String name;
        @Schema(description = "the full new list of teachers")
        @JsonSetter(nulls = Nulls.FAIL)
        public List<UUID> teacherIds;
        @JsonSetter(nulls = Nulls.FAIL)
        public List<UUID> addStudentIds;
        @JsonSetter(nulls = Nulls.FAIL)
        public List<UUID> removeStudentIds;
    }

    @Operation(summary = "Change a person", description = "Names, email, role, schools. A change of role or schools releases, in the "
            + "same transaction, the licenses the person no longer qualifies for (seat ledger RELEASED_BY_ROSTER_CHANGE) and lists them "
            + "in releasedLicenses; with dryRun=true nothing changes and the answer says what would.")
    @ApiResponse(responseCode = "200", description = "the person after the change (dryRun: as they would be)",
            content = @Content(schema = @Schema(implementation = PersonChangeView.class)))
    @ApiRefusals(RosterRefusal.class)
    @PatchMapping("/api/v1/users/{userId}")
    ResponseEntity<?> patchUser(@AuthenticationPrincipal Actor actor, @PathVariable String userId,
                                @RequestParam(defaultValue = "false") boolean dryRun, @Valid @RequestBody UserPatchBody body) {
        PeopleAdmin.Consent consent = dryRun ? PeopleAdmin.Consent.preview() : PeopleAdmin.Consent.releasingAny();
        return people.patch(actor, UserId.of(userId), body.patch(), consent).toResponse(200, PersonChangeView::of);
    }

    @Operation(summary = "Change a class", description = "Rename it, replace its teachers, add and remove students: all or nothing.")
    @ApiResponse(responseCode = "200", description = "the class after the change",
            content = @Content(schema = @Schema(implementation = RosterController.ClassView.class)))
    @ApiRefusals({RosterRefusal.ReadOnly.class, RosterRefusal.UnknownUsers.class, RosterRefusal.InvalidField.class})
    @PatchMapping("/api/v1/classes/{classId}")
    ResponseEntity<?> patchClass(@AuthenticationPrincipal Actor actor, @PathVariable String classId, @Valid @RequestBody ClassPatchBody body) {
        Outcome<RosterClass> out = classes.patch(actor, ClassId.of(classId), new ClassEditing.ClassPatch(body.name,
                userIds(body.teacherIds), userIds(body.addStudentIds), userIds(body.removeStudentIds)));
        return out.toResponse(200, RosterController.ClassView::of);
    }

    private static List<UserId> userIds(List<UUID> ids) {
        return ids == null ? null : ids.stream().map(UserId::new).toList();
    }
}
