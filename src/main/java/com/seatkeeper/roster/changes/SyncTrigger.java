package com.seatkeeper.roster.changes;

/** What started a run (sync_runs.trigger): an upload, the nightly sync or a same-day sync on request. */
public enum SyncTrigger { UPLOAD, NIGHTLY, SAME_DAY }
