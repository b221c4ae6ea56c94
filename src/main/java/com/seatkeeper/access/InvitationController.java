package com.seatkeeper.access;

import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.roster.RosterRefusal;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.UserId;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InvitationController {
    private final AccountLinks links;

    InvitationController(AccountLinks links) {
        this.links = links;
    }

    /** An invitation as accepted: the mail goes out shortly (outbox); the link itself is never shown. */
    record InvitationView(String userId, String email, Instant expiresAt) {}

    /**
     * Sends (or resends) a district admin, school admin or teacher an invitation to set their password: 202 when the mail is queued. Refusals: 404 for
     * a person outside the caller's scope, 403 {@code forbidden}/{@code role_not_allowed}, 422 {@code student_not_invited},
     * {@code no_console} (staff) or {@code no_email}, 409 {@code person_inactive} or {@code email_in_use}.
     */
    @PostMapping("/api/v1/users/{userId}/invitations")
    @ApiResponse(responseCode = "202", description = "the invitation mail is queued; its link works once, for 7 days",
            content = @Content(schema = @Schema(implementation = InvitationView.class)))
    @ApiRefusals({AccessRefusal.StudentNotInvited.class, AccessRefusal.NoConsole.class, AccessRefusal.NoEmail.class, AccessRefusal.Inactive.class,
            AccessRefusal.EmailSignsInElsewhere.class, RosterRefusal.RoleNotAllowed.class, RosterRefusal.PersonOfOtherSchools.class})
    ResponseEntity<?> invite(@AuthenticationPrincipal Actor actor, @PathVariable String userId) {
        return links.invite(actor, UserId.of(userId))
                .toResponse(202, i -> new InvitationView(i.userId().toString(), i.email(), i.expiresAt()));
    }
}
