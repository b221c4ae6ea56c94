package com.seatkeeper.district;

import com.seatkeeper.shared.DistrictId;
import java.time.Instant;
import java.time.ZoneId;

public record District(DistrictId id, String name, RosteringSource rosteringSource, ZoneId timezone, Instant createdAt) {
}
