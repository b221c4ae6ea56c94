/**
 * The roster-changes engine (issue 9 §1, docs/design.md "Roster changes"): the one path for every roster change
 * that arrives in bulk (uploads, Clever and ClassLink syncs). A producer starts a {@linkplain RosterChanges#start
 * run}, streams a normalized snapshot into {@link RosterStaging} (PostgreSQL COPY into staging tables), and
 * {@linkplain RosterChanges#complete completes} it: references are checked and the snapshot is compared with the
 * district's roster in set-based SQL, then previewed, held by the deletion guard, or applied in one transaction
 * together with the seat releases of {@link RosterSeatEffects}.
 */
@org.springframework.modulith.NamedInterface("changes")
package com.seatkeeper.roster.changes;
