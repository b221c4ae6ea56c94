package com.seatkeeper.roster.changes;

/**
 * The names of the columns that hold references, as the producer's format spells them, so that the engine's reference
 * problems (found in SQL) name the right column: e.g. OneRoster's {@code orgSourcedIds} of users.csv.
 */
public record ReferenceColumns(String userSchools, String classSchool, String enrollmentClass, String enrollmentUser, String licenseUser) {
    /** OneRoster 1.1 and 1.2 CSV (1.2 names a user's orgs in roles.csv: the producer stages them as the user's schools). */
    public static final ReferenceColumns ONEROSTER = new ReferenceColumns("orgSourcedIds", "schoolSourcedId", "classSourcedId",
            "userSourcedId", "userSourcedId");
}
