package com.seatkeeper.roster.changes;

/**
 * Where a run is. RUNNING while read and compared; then PREVIEW (a dry run, nothing changed), APPLIED, HELD (the
 * deletion guard stopped it: nothing changed until a district admin confirms or discards it), REJECTED (errors in the
 * input or a failure while applying: nothing changed) or DISCARDED (a held run that was thrown away).
 */
public enum RunStatus { RUNNING, PREVIEW, APPLIED, HELD, REJECTED, DISCARDED }
