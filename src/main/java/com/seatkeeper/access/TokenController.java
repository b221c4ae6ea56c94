package com.seatkeeper.access;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

    record NewToken(@NotNull UUID userId, @NotBlank @Size(max = 100) String name) {}

    record TokenView(String token, String userId, ActorRole role, String districtId) {}

    /** Issues an API token acting as a person of the district (shown once, stored hashed). */
    @PostMapping("/api/v1/api-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    TokenView issue(@AuthenticationPrincipal Actor actor, @Valid @RequestBody NewToken body) {
        Accounts.IssuedToken t = accounts.issueToken(actor, new UserId(body.userId()), body.name());
        return new TokenView(t.token(), body.userId().toString(), t.role(), t.districtId().toString());
    }
}
