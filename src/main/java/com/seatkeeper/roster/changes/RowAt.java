package com.seatkeeper.roster.changes;

/**
 * Where a staged row came from, for problems: the file name as uploaded (e.g. {@code users.csv}) and the 1-based line
 * (the header is line 1). A sync gives the resource name (e.g. {@code users}) and the record's position.
 */
public record RowAt(String file, long line) {}
