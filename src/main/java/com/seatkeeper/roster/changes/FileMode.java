package com.seatkeeper.roster.changes;

/**
 * How a snapshot gives one kind of rows (OneRoster 1.1 CSV §2.1 manifest {@code file.*}; the same for syncs): BULK
 * replaces the district's rows of that kind that came from this source (rows absent are removed: people set inactive,
 * classes and enrollments deleted), DELTA adds and changes rows and removes those staged as deletions, ABSENT leaves
 * that kind alone.
 */
public enum FileMode { BULK, DELTA, ABSENT }
