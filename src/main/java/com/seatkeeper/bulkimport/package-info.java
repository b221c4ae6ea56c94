/**
 * Bulk upload of rosters (issue 9 §2): OneRoster 1.1 and 1.2 CSV (a zip or separate files) and the template CSV are
 * read, checked row by row and streamed into the roster-changes engine ({@link com.seatkeeper.roster.changes}).
 * API: {@link com.seatkeeper.bulkimport.Imports}.
 */
package com.seatkeeper.bulkimport;
