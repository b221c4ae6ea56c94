package com.seatkeeper.roster;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.UserId;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Deactivating a person frees their licenses in the same transaction (see {@link PeopleAdmin#deactivate}). */
@RestController
class PeopleAdminController {
    private final PeopleAdmin people;

    PeopleAdminController(PeopleAdmin people) {
        this.people = people;
    }

    @ApiResponse(responseCode = "200", description = "the person, now inactive; their licenses are free", content = @Content(schema = @Schema(implementation = RosterController.UserView.class)))
    @ApiRefusals({RosterRefusal.ReadOnly.class, RosterRefusal.CannotDeactivateSelf.class, RosterRefusal.PersonOfOtherSchools.class, RosterRefusal.RoleNotAllowed.class})
    @PostMapping("/api/v1/users/{userId}/deactivate")
    ResponseEntity<?> deactivate(@AuthenticationPrincipal Actor actor, @PathVariable String userId) {
        return people.deactivate(actor, UserId.of(userId)).toResponse(200, RosterController.UserView::of);
    }

    @ApiResponse(responseCode = "200", description = "the person, active again", content = @Content(schema = @Schema(implementation = RosterController.UserView.class)))
    @ApiRefusals({RosterRefusal.ReadOnly.class, RosterRefusal.PersonOfOtherSchools.class, RosterRefusal.RoleNotAllowed.class})
    @PostMapping("/api/v1/users/{userId}/reactivate")
    ResponseEntity<?> reactivate(@AuthenticationPrincipal Actor actor, @PathVariable String userId) {
        return people.reactivate(actor, UserId.of(userId)).toResponse(200, RosterController.UserView::of);
    }
}
