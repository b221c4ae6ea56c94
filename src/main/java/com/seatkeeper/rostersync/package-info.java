/**
 * Rostering sync (issue 10 and 11, docs/design.md "Rostering sync"): a district's connection to Clever or a OneRoster REST server (ClassLink),
 * its secrets encrypted at rest, the nightly and same-day syncs on the cluster-safe scheduler of {@code platform}, and the
 * connectors that pull a district's roster page by page into the roster-changes engine's staging
 * ({@link com.seatkeeper.roster.changes.RosterChanges}). A connector implements {@link RosterConnector}; the engine
 * compares, guards and applies exactly as for an upload.
 */
package com.seatkeeper.rostersync;
