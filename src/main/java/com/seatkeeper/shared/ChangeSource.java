package com.seatkeeper.shared;

/**
 * Where a change came from (DESIGN.md §2, seat ledger {@code source}; roster rows' {@code source} uses all but
 * SCHEDULER): by hand in the console or API, a bulk upload, a Clever or ClassLink sync, or a scheduled job.
 */
public enum ChangeSource { MANUAL, UPLOAD, CLEVER, CLASSLINK, SCHEDULER }
