/**
 * People (users with roles and schools), classes and enrollments of a district.
 * API: {@link com.seatkeeper.roster.Rosters}.
 */
package com.seatkeeper.roster;
