package com.seatkeeper.roster.changes;

/**
 * Where a run is. QUEUED (a sync waiting for the scheduler: nightly or same-day), RUNNING while pulled or read and
 * compared; then PREVIEW (a dry run, nothing changed), APPLIED, HELD (the deletion guard stopped it: nothing changed
 * until a district admin confirms or discards it), REJECTED (errors in the input or a failure while applying: nothing
 * changed), FAILED (a sync that broke off: the provider refused, a page kept failing, a timeout, the instance stopped;
 * nothing changed) or DISCARDED (a held run that was thrown away).
 */
public enum RunStatus { QUEUED, RUNNING, PREVIEW, APPLIED, HELD, REJECTED, FAILED, DISCARDED }
