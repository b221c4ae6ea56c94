/**
 * The console's Upload page ({@code /console/imports}, issue 9 §5): a district admin of a manually rostered district
 * uploads a OneRoster CSV set or the template CSV, watches it being read, reviews the preview (counts, seat impact,
 * problems) and applies it; held runs are confirmed or discarded; the district's runs are listed. Every rule is
 * {@link com.seatkeeper.roster.changes.RosterChanges}' or {@link com.seatkeeper.bulkimport.Imports}'; this package
 * only stores the upload's parts on disk and shows what the services answer.
 */
package com.seatkeeper.console.imports;
