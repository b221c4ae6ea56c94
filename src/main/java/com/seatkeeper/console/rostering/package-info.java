/**
 * The console's Rostering page ({@code /console/rostering}, issue 10): a district admin (or the vendor admin acting on a
 * district) sees where the district's roster comes from, connects Clever (base URL, district token, API version, the
 * nightly sync's local time), tests the stored connection, requests a same-day sync and follows it live on the run page
 * of {@code console.imports}, and reads the district's runs. Every rule is
 * {@link com.seatkeeper.rostersync.RosteringSettings}', {@link com.seatkeeper.rostersync.SyncRequests}' or
 * {@link com.seatkeeper.roster.changes.RosterChanges}'; this package only shows what they answer, in words
 * ({@link RosteringWords}).
 */
package com.seatkeeper.console.rostering;
