package com.seatkeeper.access;

import com.seatkeeper.shared.Actor;
import java.util.Optional;

/** What a bearer token resolves to: the actor it acts as, a refusal saying why it acts as no one now, or nothing. */
sealed interface ResolvedToken {

    /** The token acts as this actor. */
    record Acting(Actor actor) implements ResolvedToken {}

    /** The token is valid but its person may not hold one now ({@link Accounts#mayHaveToken}). */
    record Refused(TokenRefusal why) implements ResolvedToken {}

    /** No valid token has this secret (unknown or revoked). */
    record Unknown() implements ResolvedToken {}

    /** The actor, when the token acts as one. */
    default Optional<Actor> acting() {
        return this instanceof Acting a ? Optional.of(a.actor()) : Optional.empty();
    }
}
