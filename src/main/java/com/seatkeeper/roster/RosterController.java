package com.seatkeeper.roster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.platform.PagedLists;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.Slice;
import com.seatkeeper.shared.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RosterController {
    private final Rosters rosters;

    RosterController(Rosters rosters) {
        this.rosters = rosters;
    }

    /** A new person; names and email are checked by the service ({@link Rosters#createUser}), as for the console. */
    record NewUserBody(@Schema(example = "Ana") String givenName, @Schema(example = "Lopez") String familyName,
                       @Schema(example = "ana.lopez@lincoln.example.org", description = "optional for students") String email,
                       @NotNull Role role, Set<UUID> schoolIds) {}

    record UserView(String id, String givenName, String familyName, String email, Role role, UserStatus status,
                    RosterSource source, String sourcedId, List<String> schoolIds) {
        static UserView of(RosterUser u) {
            return new UserView(u.id().toString(), u.givenName(), u.familyName(), u.email(), u.role(), u.status(), u.source(),
                    u.sourcedId(), u.schoolIds().stream().map(SchoolId::toString).sorted().toList());
        }
    }

    /** A new class; the name and every id are checked by the service ({@link Rosters#createClass}). */
    record NewClassBody(@Schema(example = "Grade 4 Math") String name, @NotNull UUID schoolId, List<UUID> teacherIds, List<UUID> studentIds) {}

    record ClassView(String id, String name, String schoolId, RosterSource source, String sourcedId,
                     List<String> teacherIds, List<String> studentIds) {
        static ClassView of(RosterClass c) {
            return new ClassView(c.id().toString(), c.name(), c.schoolId().toString(), c.source(), c.sourcedId(),
                    c.teacherIds().stream().map(UserId::toString).toList(), c.studentIds().stream().map(UserId::toString).toList());
        }
    }

    @ApiResponse(responseCode = "201", description = "the new person", content = @Content(schema = @Schema(implementation = UserView.class)))
    @ApiRefusals(value = {RosterRefusal.ReadOnly.class, RosterRefusal.UnknownSchools.class, RosterRefusal.DuplicateEmail.class, RosterRefusal.RoleNotAllowed.class})
    @PostMapping("/api/v1/districts/{districtId}/users")
    ResponseEntity<?> createUser(@AuthenticationPrincipal Actor actor, @PathVariable String districtId,
                                 @Valid @RequestBody NewUserBody body) {
        Set<SchoolId> schools = body.schoolIds() == null ? Set.of()
                : body.schoolIds().stream().map(SchoolId::new).collect(Collectors.toSet());
        return rosters.createUser(actor, DistrictId.of(districtId),
                        new Rosters.NewUser(body.givenName(), body.familyName(), body.email(), body.role(), schools))
                .toResponse(201, UserView::of);
    }

    /** People in name order, paged by keyset ({@link Rosters#findUsers}); see docs/design.md "Large districts: roster lists". */
    @Operation(summary = "List people", description = PagedLists.PAGING)
    @ApiRefusals(also = {"400:invalid_cursor", "400:offset_not_supported"})
    @GetMapping("/api/v1/districts/{districtId}/users")
    ResponseEntity<List<UserView>> findUsers(@AuthenticationPrincipal Actor actor, @PathVariable String districtId,
                                             @RequestParam(required = false) Role role, @RequestParam(required = false) UUID schoolId,
                                             @RequestParam(required = false) String sourcedId, @RequestParam(required = false) String q,
                                             @Parameter(description = PagedLists.LIMIT) @RequestParam(required = false) Integer limit,
                                             @Parameter(description = PagedLists.AFTER) @RequestParam(required = false) String after,
                                             @Parameter(description = PagedLists.OFFSET) @RequestParam(required = false) Integer offset) {
        Slice<RosterUser> page = rosters.findUsers(actor, DistrictId.of(districtId),
                new Rosters.UserFilter(role, schoolId == null ? null : new SchoolId(schoolId), sourcedId, q), SeekRequest.of(limit, after, offset));
        return page.map(UserView::of).toResponse();
    }

    @GetMapping("/api/v1/users/{userId}")
    UserView user(@AuthenticationPrincipal Actor actor, @PathVariable String userId) {
        return UserView.of(rosters.user(actor, UserId.of(userId)));
    }

    @ApiResponse(responseCode = "201", description = "the new class", content = @Content(schema = @Schema(implementation = ClassView.class)))
    @ApiRefusals({RosterRefusal.ReadOnly.class, RosterRefusal.UnknownSchools.class, RosterRefusal.UnknownUsers.class})
    @PostMapping("/api/v1/districts/{districtId}/classes")
    ResponseEntity<?> createClass(@AuthenticationPrincipal Actor actor, @PathVariable String districtId,
                                  @Valid @RequestBody NewClassBody body) {
        return rosters.createClass(actor, DistrictId.of(districtId), new Rosters.NewClass(body.name(), new SchoolId(body.schoolId()),
                        userIds(body.teacherIds()), userIds(body.studentIds())))
                .toResponse(201, ClassView::of);
    }

    /** Classes in name order, paged by keyset ({@link Rosters#findClasses}). */
    @Operation(summary = "List classes", description = PagedLists.PAGING)
    @ApiRefusals(also = {"400:invalid_cursor", "400:offset_not_supported"})
    @GetMapping("/api/v1/districts/{districtId}/classes")
    ResponseEntity<List<ClassView>> findClasses(@AuthenticationPrincipal Actor actor, @PathVariable String districtId,
                                                @RequestParam(required = false) UUID schoolId, @RequestParam(required = false) UUID teacherId,
                                                @Parameter(description = PagedLists.LIMIT) @RequestParam(required = false) Integer limit,
                                                @Parameter(description = PagedLists.AFTER) @RequestParam(required = false) String after,
                                                @Parameter(description = PagedLists.OFFSET) @RequestParam(required = false) Integer offset) {
        Slice<RosterClass> page = rosters.findClasses(actor, DistrictId.of(districtId), schoolId == null ? null : new SchoolId(schoolId),
                teacherId == null ? null : new UserId(teacherId), SeekRequest.of(limit, after, offset));
        return page.map(ClassView::of).toResponse();
    }

    private static List<UserId> userIds(List<UUID> ids) {
        return ids == null ? List.of() : ids.stream().map(UserId::new).toList();
    }
}
