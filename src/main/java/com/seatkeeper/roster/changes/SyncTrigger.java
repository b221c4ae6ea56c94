package com.seatkeeper.roster.changes;

/** What started a run (DESIGN.md §2 "sync run"): an upload, the nightly sync or a same-day sync on request. */
public enum SyncTrigger { UPLOAD, NIGHTLY, SAME_DAY }
