package com.seatkeeper.roster.changes;

/** The phase of a RUNNING run, for progress displays: receiving the files, reading rows, checking references, comparing, applying; DONE after. */
public enum RunPhase { RECEIVING, READING, CHECKING, COMPARING, APPLYING, DONE }
