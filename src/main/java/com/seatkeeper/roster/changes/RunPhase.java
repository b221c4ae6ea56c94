package com.seatkeeper.roster.changes;

/**
 * The phase of a run, for progress displays: WAITING (a QUEUED sync), PULLING (a sync reading pages from its provider),
 * receiving the files, reading rows, checking references, comparing, applying; DONE after.
 */
public enum RunPhase { WAITING, PULLING, RECEIVING, READING, CHECKING, COMPARING, APPLYING, DONE }
