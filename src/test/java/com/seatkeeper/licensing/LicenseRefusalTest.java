package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.catalog.DuplicateProduct;
import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.roster.RosterRefusal;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.Role;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refusals say why and what to do next (docs/design.md, "Refusals" and "REST contract"), with stable codes. */
class LicenseRefusalTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void noLicensesAvailableNamesTheThreeWaysOut() {
        var full = new LicenseRefusal.NoLicensesAvailable("Mathletics", SeatType.EDUCATOR, 2, 2, 1);

        assertThat(full.code()).isEqualTo("no_licenses_available");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.detail()).contains("All 2 Mathletics educator licenses are in use")
                .contains("unassign").contains("reassign").contains("purchase");
        assertThat(full.properties()).containsEntry("available", 0).containsEntry("seats", 2).containsEntry("assigned", 2)
                .containsEntry("nextSteps", List.of("unassign", "reassign", "purchase"));
    }

    @Test
    void noLicensesAvailableForManySaysHowManyAreNeededAndHowManyAreLeft() {
        var shortOfSeats = new LicenseRefusal.NoLicensesAvailable("ReadWorks", SeatType.STUDENT, 10, 8, 5);

        assertThat(shortOfSeats.detail()).contains("5 needed, 2 available").contains("purchase");
        assertThat(shortOfSeats.properties()).containsEntry("available", 2).containsEntry("needed", 5);
    }

    @Test
    void aBulkShortOfSeatsNeverSaysAllInUseWhenSomeAreFree() {
        var fourForThree = new LicenseRefusal.NoLicensesAvailable("ReadWorks", SeatType.STUDENT, 3, 0, 4);
        assertThat(fourForThree.detail()).contains("4 needed, 3 available").contains("0 of 3 in use").doesNotContain("All 3")
                .doesNotContain("are in use");
        assertThat(fourForThree.title()).isEqualTo("Not enough licenses available");
        var noneLeft = new LicenseRefusal.NoLicensesAvailable("ReadWorks", SeatType.STUDENT, 3, 3, 4);
        assertThat(noneLeft.detail()).contains("All 3 ReadWorks student licenses are in use (4 needed, 0 available)");
    }

    @Test
    void aSeatTypeMismatchPointsToThePoolOfTheOtherKind() {
        assertThat(new LicenseRefusal.SeatTypeMismatch(SeatType.EDUCATOR, Role.STUDENT).detail())
                .contains("educator licenses").contains("this person is a student").contains("Use a pool of student licenses");
        assertThat(new LicenseRefusal.SeatTypeMismatch(SeatType.STUDENT, Role.SCHOOL_ADMIN).detail())
                .contains("school admin").contains("Use a pool of educator licenses");
    }

    @Test
    void aPoolOutOfTermSaysWhenItStartsOrEndedAndWhatToDo() {
        var ended = new LicenseRefusal.PoolNotActive(TODAY.minusYears(1), TODAY.minusDays(1), TODAY);
        var notYet = new LicenseRefusal.PoolNotActive(TODAY.plusDays(3), TODAY.plusYears(1), TODAY);

        assertThat(ended.detail()).contains("ended on " + TODAY.minusDays(1)).contains("purchase a new term");
        assertThat(notYet.detail()).contains("start on " + TODAY.plusDays(3)).contains("Use a pool whose term includes today");
        assertThat(ended.code()).isEqualTo(notYet.code()).isEqualTo("pool_not_active");
    }

    @Test
    void anInactivePersonMustBeReactivatedFirst() {
        assertThat(new LicenseRefusal.UserInactive().detail()).contains("Reactivate");
    }

    @Test
    void aLicenseHeldElsewhereSaysWhereAndHowToMoveIt() {
        var held = new LicenseRefusal.LicenseHeldElsewhere("pool-42");
        assertThat(held.detail()).contains("pool-42").contains("Unassign that one first");
        assertThat(held.properties()).containsEntry("heldInPoolId", "pool-42");
    }

    @Test
    void everyRefusalHasAStableSnakeCaseCodeAClientErrorStatusAndADetail() {
        List<BusinessRefusal> all = List.of(
                new LicenseRefusal.NoLicensesAvailable("P", SeatType.STUDENT, 1, 1, 1),
                new LicenseRefusal.SeatTypeMismatch(SeatType.STUDENT, Role.TEACHER),
                new LicenseRefusal.UserInactive(),
                new LicenseRefusal.UserOutOfScope("This person belongs to another district than the pool."),
                new LicenseRefusal.PoolNotActive(TODAY, TODAY, TODAY.plusDays(1)),
                new LicenseRefusal.LicenseHeldElsewhere("x"),
                new LicenseRefusal.AlreadyHoldsLicense("x"),
                new LicenseRefusal.OverlappingPool("x", TODAY, TODAY),
                new LicenseRefusal.UnknownProduct("NOPE"),
                new LicenseRefusal.SeatTypeNotOffered("P", SeatType.EDUCATOR),
                new LicenseRefusal.UnknownSchool("s"),
                new LicenseRefusal.BulkRefused(2),
                new DuplicateProduct("P"),
                new RosterRefusal.ReadOnly("CLEVER"));
        for (BusinessRefusal r : all) {
            assertThat(r.code()).as(r.toString()).matches("[a-z]+(_[a-z]+)*");
            assertThat(r.status()).as(r.toString()).isBetween(400, 499);
            assertThat(r.title()).as(r.toString()).isNotBlank();
            assertThat(r.detail()).as(r.toString()).isNotBlank().endsWith(".");
        }
    }

    @Test
    void aReadOnlyRosterSaysWhereToChangeItAndThatLicensesStillWork() {
        var readOnly = new RosterRefusal.ReadOnly("CLEVER");
        assertThat(readOnly.code()).isEqualTo("roster_read_only");
        assertThat(readOnly.detail()).contains("CLEVER").contains("same-day sync").contains("Licenses can still be assigned here");
    }
}
