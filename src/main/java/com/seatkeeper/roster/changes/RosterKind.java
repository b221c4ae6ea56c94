package com.seatkeeper.roster.changes;

/** The kinds of rows a snapshot carries. */
public enum RosterKind { SCHOOLS, USERS, CLASSES, ENROLLMENTS }
