package com.seatkeeper.roster;

import com.seatkeeper.district.Districts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People search for the Admin Console: several roles at once, a school, a name/email text, and
 * an id restriction given by the caller (e.g. "holds product X" / "lacks product X", which the
 * licensing module knows), within the caller's scope (a school admin: their schools).
 */
@Service
public class RosterSearch {
    private final RosterSearchStore store;
    private final Rosters rosters;
    private final Districts districts;

    RosterSearch(RosterSearchStore store, Rosters rosters, Districts districts) {
        this.store = store;
        this.rosters = rosters;
        this.districts = districts;
    }

    /**
     * @param roles      the roles to include; empty means every role
     * @param onlyAmong  when not null, only these people
     * @param excluding  when not null, never these people
     */
    public record Filter(Set<Role> roles, SchoolId schoolId, String q, boolean activeOnly, Collection<UserId> onlyAmong,
                         Collection<UserId> excluding) {
        public Filter {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }

        public static Filter educators() {
            return new Filter(Set.of(Role.TEACHER, Role.SCHOOL_ADMIN, Role.DISTRICT_ADMIN, Role.STAFF), null, null, false, null, null);
        }
    }

    @Transactional(readOnly = true)
    public Page<RosterUser> find(Actor actor, DistrictId districtId, Filter filter, PageRequest page) {
        districts.get(actor, districtId);
        actor.requireAnyOf("search people", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        Text.requireOptionalLine("q", filter.q(), Text.TITLE);
        if (filter.onlyAmong() != null && filter.onlyAmong().isEmpty()) {
            return new Page<>(List.of(), 0);
        }
        return store.find(districtId, filter, rosters.scopeOf(actor), page);
    }
}
