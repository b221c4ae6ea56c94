package com.seatkeeper.access;

import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.Ids;
import com.seatkeeper.shared.UserId;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TokenController {
    private final Accounts accounts;

    TokenController(Accounts accounts) {
        this.accounts = accounts;
    }

    /** {@code name}'s rules are {@link Accounts#issueToken}'s: it is required (a token without a name is refused). */
    record NewToken(@NotNull UUID userId,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "SIS nightly export") String name) {}

    record TokenView(String id, String token, String userId, ActorRole role, String districtId) {}

    /** A token as listed: never its secret. */
    record TokenInfoView(String id, String name, String userId, String districtId, Instant createdAt, Instant revokedAt, boolean revoked) {
        static TokenInfoView of(Accounts.TokenInfo t) {
            return new TokenInfoView(t.id().toString(), t.name(), t.userId() == null ? null : t.userId().toString(),
                    t.districtId() == null ? null : t.districtId().toString(), t.createdAt(), t.revokedAt(), t.isRevoked());
        }
    }

    /**
     * Issues an API token acting as a person of the district (shown once, stored hashed): 201. Refusals: 422
     * {@code student_no_token} for a student, 409 {@code person_inactive} for a deactivated person.
     */
    @PostMapping("/api/v1/api-tokens")
    @ApiResponse(responseCode = "201", description = "the token, whose secret is shown only in this answer",
            content = @Content(schema = @Schema(implementation = TokenView.class)))
    @ApiRefusals(TokenRefusal.class)
    ResponseEntity<?> issue(@AuthenticationPrincipal Actor actor, @Valid @RequestBody NewToken body) {
        return accounts.issueToken(actor, new UserId(body.userId()), body.name()).toResponse(201,
                t -> new TokenView(t.tokenId().toString(), t.token(), body.userId().toString(), t.role(), t.districtId().toString()));
    }

    /** The API tokens of a person (names, when issued, whether revoked), newest first. */
    @GetMapping("/api/v1/users/{userId}/api-tokens")
    List<TokenInfoView> tokensOf(@AuthenticationPrincipal Actor actor, @PathVariable String userId) {
        return accounts.tokensOf(actor, UserId.of(userId)).stream().map(TokenInfoView::of).toList();
    }

    /** Revokes an API token: it stops working at once (within a few seconds on other instances). Idempotent. */
    @DeleteMapping("/api/v1/api-tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Actor actor, @PathVariable String tokenId) {
        accounts.revokeToken(actor, Ids.parse(tokenId, "API token"));
    }
}
