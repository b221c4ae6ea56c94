package com.seatkeeper.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActorTest {
    private static final DistrictId HOME = DistrictId.random();
    private static final DistrictId ELSEWHERE = DistrictId.random();

    private static Actor aVendorAdmin() {
        return new Actor(UUID.randomUUID(), null, ActorRole.VENDOR_ADMIN, null, Set.of(), "vendor");
    }

    private static Actor a(ActorRole role, DistrictId district) {
        return new Actor(UUID.randomUUID(), UserId.random(), role, district, Set.of(), role.name().toLowerCase());
    }

    @Test
    void theVendorAdminSeesEveryDistrict() {
        assertThat(aVendorAdmin().maySee(HOME)).isTrue();
        assertThat(aVendorAdmin().maySee(ELSEWHERE)).isTrue();
    }

    @Test
    void everyoneElseSeesTheirOwnDistrictOnly() {
        for (ActorRole role : new ActorRole[] {ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER, ActorRole.STAFF,
                ActorRole.STUDENT}) {
            Actor actor = a(role, HOME);
            assertThat(actor.maySee(HOME)).as(role.name()).isTrue();
            assertThat(actor.maySee(ELSEWHERE)).as(role.name()).isFalse();
        }
    }

    @Test
    void anotherDistrictIsNotFoundNeverForbidden() {
        Actor admin = a(ActorRole.DISTRICT_ADMIN, HOME);

        assertThatCode(() -> admin.requireVisible(HOME, "license pool", "p1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> admin.requireVisible(ELSEWHERE, "license pool", "p1"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("license pool p1");
        assertThatThrownBy(() -> admin.requireVisible(null, "user", "u1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> aVendorAdmin().requireVisible(null, "user", "u1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyTheVendorAdminHasNoDistrict() {
        assertThatThrownBy(() -> new Actor(UUID.randomUUID(), null, ActorRole.VENDOR_ADMIN, HOME, Set.of(), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Actor(UUID.randomUUID(), UserId.random(), ActorRole.TEACHER, null, Set.of(), "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoleThatMayNotActIsForbiddenWithAReason() {
        Actor teacher = a(ActorRole.TEACHER, HOME);
        assertThat(teacher.isAnyOf(ActorRole.TEACHER, ActorRole.DISTRICT_ADMIN)).isTrue();
        assertThatThrownBy(() -> teacher.requireAnyOf("open license pools", ActorRole.VENDOR_ADMIN))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("open license pools");
        assertThat(teacher.isDistrictWideAdmin()).isFalse();
        assertThat(a(ActorRole.DISTRICT_ADMIN, HOME).isDistrictWideAdmin()).isTrue();
    }
}
