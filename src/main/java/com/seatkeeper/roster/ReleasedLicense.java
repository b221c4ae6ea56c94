package com.seatkeeper.roster;

import com.seatkeeper.shared.PoolId;

/**
 * A license a roster change releases (or, in a preview, would release) because the person no longer
 * qualifies for it: its pool, the product, the seat type ({@code EDUCATOR} or {@code STUDENT}) and a
 * reason a person understands ("role changed from TEACHER to STUDENT", "no longer at Lincoln").
 */
public record ReleasedLicense(PoolId poolId, String productCode, String productName, String seatType, String reason) {
}
