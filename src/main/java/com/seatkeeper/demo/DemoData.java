package com.seatkeeper.demo;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.catalog.Catalog;
import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.SeatCount;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a demo district on first start: two schools, a district admin, a school admin, six teachers (each teaching at
 * least one class at their own school), 60 students in seven classes, two made-up products and four pools, one of them
 * with 0 licenses available. At every start it also (re-)issues the demo district admin's API token and prints it with
 * the demo sign-ins. The demo passwords and the demo token exist only when {@code seatkeeper.demo.enabled} is true
 * (profile "demo", {@code mvn spring-boot:run}); production never runs this class.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "seatkeeper.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {
    static final String DISTRICT = "Demo Unified School District";
    static final String PASSWORD = "demo";
    static final String ADMIN_EMAIL = "district.admin@demo.test";
    /** The name of the demo district admin's API token; the one of an earlier start is revoked when a new one is issued. */
    static final String TOKEN_NAME = "Demo API token (demo mode only)";
    /** Made-up products (not other companies' trademarks): code and name. */
    static final String[][] PRODUCTS = {{"NUMBERWORKS", "Numberworks Math"}, {"STORYLANE", "Storylane Reading"}};
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String[] GIVEN = {"Ava", "Ben", "Chloe", "Diego", "Emma", "Finn", "Grace", "Hugo", "Isla", "Jonah",
            "Kai", "Lena", "Mia", "Noah", "Olive", "Priya", "Quinn", "Rosa", "Sami", "Theo"};
    private static final String[] FAMILY = {"Nguyen", "Garcia", "Smith", "Okafor", "Kowalski", "Haddad"};

    private final Districts districts;
    private final Rosters rosters;
    private final Catalog catalog;
    private final Licensing licensing;
    private final Accounts accounts;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Environment environment;

    DemoData(Districts districts, Rosters rosters, Catalog catalog, Licensing licensing, Accounts accounts, TransactionTemplate tx,
             Clock clock, Environment environment) {
        this.environment = environment;
        this.districts = districts;
        this.rosters = rosters;
        this.catalog = catalog;
        this.licensing = licensing;
        this.accounts = accounts;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor seeder = new Actor(UUID.nameUUIDFromBytes("demo-seed".getBytes()), null, ActorRole.VENDOR_ADMIN, null, Set.of(), "demo-seed");
        boolean seeded = districts.list(seeder).stream().anyMatch(d -> d.name().equals(DISTRICT));
        if (!seeded) {
            tx.executeWithoutResult(s -> seed(seeder));
            log.info("Demo data created: {}", DISTRICT);
        }
        String token = tx.execute(s -> demoToken(seeder));
        log.info("""

                ==== Seatkeeper demo sign-ins (demo mode only), password '{}' ====
                  district.admin@demo.test  school.admin@demo.test  teacher@demo.test  vendor@demo.test
                ==== Demo API token (demo mode only; a district admin of {}, new at every start) ====
                  {}
                  curl -H 'Authorization: Bearer {}' http://localhost:{}/api/v1/districts
                """, PASSWORD, DISTRICT, token, token,
                environment.getProperty("local.server.port", "8080"));
    }

    /**
     * Issues a new API token acting as the demo district admin and revokes the ones of earlier starts, so exactly one
     * demo token works: the one printed last. Uses {@link Accounts}, which stores only its hash.
     */
    private String demoToken(Actor seeder) {
        District d = districts.list(seeder).stream().filter(x -> x.name().equals(DISTRICT)).findFirst().orElseThrow();
        RosterUser admin = rosters.findUsers(seeder, d.id(), new Rosters.UserFilter(Role.DISTRICT_ADMIN, null, null, null),
                SeekRequest.first(PageRequest.MAX_LIMIT)).items().stream()
                .filter(u -> ADMIN_EMAIL.equalsIgnoreCase(u.email())).findFirst().orElseThrow();
        accounts.tokensOf(seeder, admin.id()).stream().filter(t -> TOKEN_NAME.equals(t.name()) && !t.isRevoked())
                .forEach(t -> accounts.revokeToken(seeder, t.id()));
        return accounts.issueToken(seeder, admin.id(), TOKEN_NAME).value().token();
    }

    private void seed(Actor seeder) {
        for (String[] product : PRODUCTS) {
            catalog.add(seeder, product[0], product[1], Set.of(SeatType.EDUCATOR, SeatType.STUDENT));
        }
        District d = districts.create(seeder, DISTRICT, RosteringSource.MANUAL, "America/Chicago");
        School lincoln = districts.addSchool(seeder, d.id(), "Lincoln Elementary").value();
        School washington = districts.addSchool(seeder, d.id(), "Washington Middle").value();

        RosterUser admin = person(seeder, d, "Dana", "Reyes", ADMIN_EMAIL, Role.DISTRICT_ADMIN, lincoln, washington);
        RosterUser principal = person(seeder, d, "Sam", "Okafor", "school.admin@demo.test", Role.SCHOOL_ADMIN, lincoln);
        List<RosterUser> teachers = new ArrayList<>();
        teachers.add(person(seeder, d, "Terry", "Lopez", "teacher@demo.test", Role.TEACHER, lincoln));
        String[][] others = {{"Jordan", "Kim"}, {"Alex", "Brown"}, {"Morgan", "Patel"}, {"Casey", "Wright"}, {"Riley", "Chen"}};
        for (int i = 0; i < others.length; i++) {
            teachers.add(person(seeder, d, others[i][0], others[i][1],
                    others[i][0].toLowerCase() + "." + others[i][1].toLowerCase() + "@demo.test", Role.TEACHER, i < 2 ? lincoln : washington));
        }
        for (RosterUser u : List.of(admin, principal)) {
            accounts.ensurePersonAccount(u.id(), PASSWORD);
        }
        teachers.forEach(t -> accounts.ensurePersonAccount(t.id(), PASSWORD));
        accounts.ensureVendorAccount("vendor@demo.test", PASSWORD);

        // Terry (teacher@demo.test) teaches two Grade 4 classes of the same students; every other teacher one class; each
        // class is at its teacher's school (Terry, Jordan, Alex: Lincoln; Morgan, Casey, Riley: Washington)
        String[] classNames = {"Grade 4 Math", "Grade 4 Reading", "Grade 5 Math", "Grade 5 Reading", "Grade 7 Science", "Grade 8 Math",
                "Grade 8 English"};
        List<UserId> allStudents = new ArrayList<>();
        List<UserId> students = List.of();
        for (int c = 0; c < classNames.length; c++) {
            RosterUser teacher = teachers.get(c < 2 ? 0 : c - 1);
            School school = teacher.schoolIds().contains(lincoln.id()) ? lincoln : washington;
            if (c != 1) {
                students = newStudents(seeder, d, school, allStudents.size());
                allStudents.addAll(students);
            }
            rosters.createClass(seeder, d.id(), new Rosters.NewClass(classNames[c], school.id(), List.of(teacher.id()), students)).value();
        }

        LocalDate start = LocalDate.now(clock.withZone(d.timezone())).withDayOfMonth(1).minusMonths(2);
        LocalDate end = start.plusYears(1).minusDays(1);
        LicensePool mathEducators = open(seeder, d, PRODUCTS[0][0], SeatType.EDUCATOR, 4, start, end);
        LicensePool mathStudents = open(seeder, d, PRODUCTS[0][0], SeatType.STUDENT, 40, start, end);
        open(seeder, d, PRODUCTS[1][0], SeatType.EDUCATOR, 10, start, end);
        LicensePool readStudents = open(seeder, d, PRODUCTS[1][0], SeatType.STUDENT, 25, start, end);
        // Numberworks educator licenses: all 4 in use, so the pool shows 0 available
        for (int i = 0; i < 4; i++) {
            licensing.assign(seeder, mathEducators.id(), teachers.get(i).id());
        }
        for (int i = 0; i < 30; i++) {
            licensing.assign(seeder, mathStudents.id(), allStudents.get(i));
        }
        for (int i = 0; i < 10; i++) {
            licensing.assign(seeder, readStudents.id(), allStudents.get(10 + i));
        }
    }

    /** Ten new students of the school, named from the lists by their running number {@code first}. */
    private List<UserId> newStudents(Actor seeder, District d, School school, int first) {
        List<UserId> students = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            int n = first + s;
            students.add(rosters.createUser(seeder, d.id(), new Rosters.NewUser(GIVEN[n % GIVEN.length],
                    FAMILY[(n / GIVEN.length + s) % FAMILY.length], null, Role.STUDENT, Set.of(school.id()))).value().id());
        }
        return students;
    }

    private LicensePool open(Actor seeder, District d, String product, SeatType type, int seats, LocalDate start, LocalDate end) {
        return licensing.openPool(seeder, d.id(), new Licensing.NewPool(product, type, new SeatCount(seats), start, end, null)).value();
    }

    private RosterUser person(Actor seeder, District d, String given, String family, String email, Role role, School... schools) {
        Set<SchoolId> ids = new HashSet<>();
        for (School s : schools) {
            ids.add(s.id());
        }
        return rosters.createUser(seeder, d.id(), new Rosters.NewUser(given, family, email, role, ids)).value();
    }
}
