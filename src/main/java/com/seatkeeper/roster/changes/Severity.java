package com.seatkeeper.roster.changes;

/** ERROR: nothing is applied; WARNING: tolerated and reported. */
public enum Severity { ERROR, WARNING }
