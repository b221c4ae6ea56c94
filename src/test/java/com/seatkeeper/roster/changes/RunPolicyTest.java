package com.seatkeeper.roster.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The engine's plain rules, without Spring: the deletion guard and who may run imports. */
class RunPolicyTest {

    @Test
    void theGuardHoldsAnApplyThatDeactivatesMoreThanTheShareOrReleasesMoreThanTheLicenses() {
        assertThat(RunPolicy.guard(10, 100, 0, 10, 1000)).as("exactly 10% may go").isEmpty();
        assertThat(RunPolicy.guard(11, 100, 0, 10, 1000)).hasValueSatisfying(r -> assertThat(r).contains("deactivate 11 of the district's 100"));
        assertThat(RunPolicy.guard(0, 0, 0, 10, 1000)).as("a first upload into an empty district").isEmpty();
        assertThat(RunPolicy.guard(1, 0, 0, 10, 1000)).as("deactivating the only active person").isPresent();
        assertThat(RunPolicy.guard(0, 100, 1000, 10, 1000)).isEmpty();
        assertThat(RunPolicy.guard(0, 100, 1001, 10, 1000)).hasValueSatisfying(r -> assertThat(r).contains("release 1,001 licenses"));
        assertThat(RunPolicy.guard(5, 100, 0, 0, 1000)).as("a guard of 0% holds every deactivation").isPresent();
    }

    @Test
    void onlyDistrictAdminsAndTheVendorAdminRunImports() {
        DistrictId d = DistrictId.random();
        for (ActorRole role : ActorRole.values()) {
            Actor actor = new Actor(UUID.randomUUID(), null, role, role == ActorRole.VENDOR_ADMIN ? null : d, Set.of(), "x");
            boolean allowed = role == ActorRole.VENDOR_ADMIN || role == ActorRole.DISTRICT_ADMIN;
            assertThat(RunPolicy.mayRun(actor).isEmpty()).as("%s", role).isEqualTo(allowed);
            RunPolicy.mayRun(actor).ifPresent(r -> {
                assertThat(r.code()).isEqualTo("role_not_allowed");
                assertThat(r.status()).isEqualTo(403);
            });
        }
    }
}
