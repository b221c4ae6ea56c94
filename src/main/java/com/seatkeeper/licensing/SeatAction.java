package com.seatkeeper.licensing;

/**
 * What a seat-ledger row records (column {@code seat_ledger.action}; the CHECK of V6 lists the same names). Seat
 * releases also write their action as the assignment's {@code release_reason}.
 */
public enum SeatAction {
    POOL_OPENED, PURCHASED, ASSIGNED, UNASSIGNED, REASSIGNED, RELEASED_BY_SYNC, RELEASED_BY_UPLOAD, RELEASED_BY_DEACTIVATION,
    RELEASED_BY_ROSTER_CHANGE, EXPIRED, RENEWED, REFUSED
}
