package com.seatkeeper.roster;

import com.seatkeeper.shared.UserId;

/** A person's email was changed in the roster (the access module moves their sign-in with it). */
public record PersonEmailChanged(UserId userId, String email) {
}
