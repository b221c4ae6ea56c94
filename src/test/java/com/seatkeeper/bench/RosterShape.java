package com.seatkeeper.bench;

import java.text.Normalizer;
import java.util.function.IntConsumer;

/**
 * The made-up district of the import benchmark, derived from its number of people alone, so that the OneRoster files
 * ({@link OneRosterFiles}) and the raw COPY baseline ({@link RosterCopyBaseline}) render exactly the same rows.
 *
 * <p>For 1,000,000 people: 2,000 schools (one per 500 people) with 20 classes each (40,000), one teacher per class
 * (40,000 teachers, 4%), one school administrator per school and 4 district administrators (2,004), and the rest
 * students (957,996), each at one school and in 3 of its classes (the first {@link #fourthClassStudents()} in 4),
 * so that there are exactly 3 enrollments per person (3,000,000: 40,000 of teachers, 2,960,000 of students).
 *
 * <p>People are numbered 0..{@code people-1}: district administrators first, then school administrators, teachers
 * and students. Every value is a pure function of the index (names from a hash of it), so any row can be rendered
 * again on its own, in any order, and a delta can name the same people.
 */
record RosterShape(int people) {
    static final int PEOPLE_PER_SCHOOL = 500;
    static final int CLASSES_PER_SCHOOL = 20;
    static final int DISTRICT_ADMINS = 4;
    static final int CLASSES_PER_STUDENT = 3;
    /** The students removed by the delta: every 100th (1%). */
    static final int REMOVED_EVERY = 100;
    /** The students who hold a license before the delta: every 20th (5%, so every removed one among them). */
    static final int LICENSED_EVERY = 20;

    RosterShape {
        if (people < 2 * PEOPLE_PER_SCHOOL) {
            throw new IllegalArgumentException("at least " + 2 * PEOPLE_PER_SCHOOL + " people, not " + people);
        }
    }

    int schools() {
        return people / PEOPLE_PER_SCHOOL;
    }

    int classes() {
        return schools() * CLASSES_PER_SCHOOL;
    }

    int teachers() {
        return classes();
    }

    int admins() {
        return DISTRICT_ADMINS + schools();
    }

    int students() {
        return people - admins() - teachers();
    }

    long enrollments() {
        return 3L * people;
    }

    /** Students in a fourth class, so that enrollments are exactly three per person. */
    int fourthClassStudents() {
        return (int) (enrollments() - teachers() - (long) CLASSES_PER_STUDENT * students());
    }

    /** The index of the first student; student {@code s} is person {@code firstStudent() + s}. */
    int firstStudent() {
        return admins() + teachers();
    }

    int firstTeacher() {
        return admins();
    }

    boolean removedByDelta(int student) {
        return student % REMOVED_EVERY == 0;
    }

    int removedStudents() {
        return (students() + REMOVED_EVERY - 1) / REMOVED_EVERY;
    }

    int licensedStudents() {
        return (students() + LICENSED_EVERY - 1) / LICENSED_EVERY;
    }

    /** The role as OneRoster 1.1 names it. */
    String role(int person) {
        if (person < admins()) {
            return "administrator";
        }
        return person < firstStudent() ? "teacher" : "student";
    }

    /** The school (0-based) of a person; -1 for a district administrator (their org is the district). */
    int school(int person) {
        if (person < DISTRICT_ADMINS) {
            return -1;
        }
        if (person < admins()) {
            return person - DISTRICT_ADMINS;
        }
        if (person < firstStudent()) {
            return (person - firstTeacher()) / CLASSES_PER_SCHOOL;
        }
        return (person - firstStudent()) % schools();
    }

    /** The classes of a student (0-based student index), all at their school, distinct. */
    void classesOfStudent(int student, IntConsumer klass) {
        int school = student % schools();
        int local = student / schools();
        int count = CLASSES_PER_STUDENT + (student < fourthClassStudents() ? 1 : 0);
        for (int j = 0; j < count; j++) {
            // offsets 0, 5, 10, 15 apart: distinct for up to 4 classes of 20
            klass.accept(school * CLASSES_PER_SCHOOL + (local * 7 + j * 5) % CLASSES_PER_SCHOOL);
        }
    }

    /** The teacher (person index) of a class. */
    int teacherOf(int klass) {
        return firstTeacher() + klass;
    }

    // ---------------------------------------------------------------- values

    static String schoolId(int school) {
        return String.format("sch-%05d", school + 1);
    }

    static String personId(int person) {
        return String.format("usr-%07d", person + 1);
    }

    static String classId(int klass) {
        return String.format("cls-%06d", klass + 1);
    }

    static String courseId(int course) {
        return String.format("crs-%02d", course + 1);
    }

    static final String DISTRICT_ORG = "dist-1";
    static final String SCHOOL_YEAR = "as-2026";
    static final String TERM = "as-2026-s1";
    static final String[] COURSES = {"Mathematics", "English Language Arts", "Science", "Social Studies", "Art", "Music",
        "Physical Education", "Spanish", "Computer Science", "Health"};

    private static final String[] GIVEN = {"Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Mia", "Mateo",
        "Charlotte", "Lucas", "Isabella", "Levi", "Ava", "Ezra", "Evelyn", "Asher", "Harper", "James", "Luna", "Leo", "Camila",
        "Aiden", "Gianna", "Kai", "Aaliyah", "Hiroshi", "Zoë", "José", "Nguyen", "Fatima", "Ali", "Priya", "Chloé", "Søren",
        "Yusuf", "Mariana", "Declan", "Aroha", "Thandiwe", "Wei", "Ines", "Dmitri", "Oluwaseun", "Siobhán", "Mei", "Rafael",
        "Anaïs", "Kwame", "Lucía", "Tomás", "Aisha", "Jae-won", "Beatriz", "Connor", "Ximena", "Malik", "Freya", "Arjun"};
    private static final String[] FAMILY = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
        "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
        "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
        "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "O'Brien", "Kowalski", "Müller", "Nakamura", "Okafor",
        "Van der Berg", "Díaz", "Papadopoulos", "Al-Sayed", "Øvergaard", "Chen", "Patel", "Kim", "Singh", "Haddad", "Ivanova"};

    /** A hash of the person's index (SplitMix64's finalizer), the seed of their names. */
    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    static String givenName(int person) {
        return GIVEN[(int) Long.remainderUnsigned(mix(person), GIVEN.length)];
    }

    static String familyName(int person) {
        return FAMILY[(int) Long.remainderUnsigned(mix(person) >>> 24, FAMILY.length)];
    }

    /** A unique address: the names made ASCII, and the person's number. */
    String email(int person) {
        String local = (ascii(givenName(person)) + "." + ascii(familyName(person))).toLowerCase() + "." + (person + 1);
        return local + (role(person).equals("student") ? "@students.maplewoodusd.org" : "@maplewoodusd.org");
    }

    String username(int person) {
        return email(person).substring(0, email(person).indexOf('@'));
    }

    private static String ascii(String name) {
        String folded = name.replace("ø", "o").replace("Ø", "O");
        return Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
    }

    /** A student's grade (K-12 as OneRoster's 2-character codes), by school: elementary, middle and high schools alternate. */
    String grade(int person) {
        return gradeAt(Math.max(0, school(person)), person);
    }

    /** The {@code n}th grade (cyclically) of a school: K-5 at elementary, 6-8 at middle, 9-12 at high schools. */
    private static String gradeAt(int school, int n) {
        int level = school % 3;
        int within = Math.floorMod(n, level == 0 ? 6 : level == 1 ? 3 : 4);
        int grade = level == 0 ? within : level == 1 ? 6 + within : 9 + within;
        return grade == 0 ? "KG" : String.format("%02d", grade);
    }

    String schoolName(int school) {
        String[] kinds = {"Elementary School", "Middle School", "High School"};
        String[] places = {"Maple", "Cedar", "Lincoln", "Washington", "Riverside", "Oak Hill", "Lakeview", "Jefferson", "Sunnyvale",
            "Franklin", "Hillcrest", "Pinecrest", "Roosevelt", "Meadowbrook", "Westwood", "Eastside", "Northgate", "Southridge"};
        return places[school % places.length] + " " + kinds[school % 3] + " " + (school / places.length + 1);
    }

    String classTitle(int klass) {
        return COURSES[klass % COURSES.length] + " " + gradeAt(klass / CLASSES_PER_SCHOOL, klass) + " - Section "
                + (klass % CLASSES_PER_SCHOOL + 1);
    }
}
