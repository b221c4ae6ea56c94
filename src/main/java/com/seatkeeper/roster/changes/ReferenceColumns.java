package com.seatkeeper.roster.changes;

/**
 * The names of the columns as the producer's format spells them, so that the engine's problems name the right column:
 * the references it checks in SQL (e.g. OneRoster's {@code orgSourcedIds} of users.csv) and the values it checks
 * with the API's field rules while staging (a person's names and email, a class's title, a school's name).
 *
 * @param userSchools     a person's schools
 * @param classSchool     a class's school
 * @param enrollmentClass an enrollment's class
 * @param enrollmentUser  an enrollment's person
 * @param licenseUser     a requested license's person
 * @param givenName       a person's given name
 * @param familyName      a person's family name
 * @param email           a person's email
 * @param classTitle      a class's title
 * @param schoolName      a school's name
 */
public record ReferenceColumns(String userSchools, String classSchool, String enrollmentClass, String enrollmentUser, String licenseUser,
                               String givenName, String familyName, String email, String classTitle, String schoolName) {
    /** OneRoster 1.1 and 1.2 CSV (1.2 names a user's orgs in roles.csv: the producer stages them as the user's schools). */
    public static final ReferenceColumns ONEROSTER = new ReferenceColumns("orgSourcedIds", "schoolSourcedId", "classSourcedId",
            "userSourcedId", "userSourcedId");

    /** The reference columns, with OneRoster's names for the value columns (givenName, familyName, email, title, name). */
    public ReferenceColumns(String userSchools, String classSchool, String enrollmentClass, String enrollmentUser, String licenseUser) {
        this(userSchools, classSchool, enrollmentClass, enrollmentUser, licenseUser, "givenName", "familyName", "email", "title", "name");
    }

    /** These columns, with OneRoster's names for the value columns a producer left null (e.g. a report stored before they existed). */
    ReferenceColumns withDefaults() {
        return new ReferenceColumns(userSchools, classSchool, enrollmentClass, enrollmentUser, licenseUser,
                givenName == null ? "givenName" : givenName, familyName == null ? "familyName" : familyName,
                email == null ? "email" : email, classTitle == null ? "title" : classTitle, schoolName == null ? "name" : schoolName);
    }
}
