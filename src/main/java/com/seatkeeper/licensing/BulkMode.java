package com.seatkeeper.licensing;

/** ALL_OR_NOTHING: everyone gets a license or no one does. AVAILABLE_SEATS: as many as there are seats, in the given order. */
public enum BulkMode { ALL_OR_NOTHING, AVAILABLE_SEATS }
