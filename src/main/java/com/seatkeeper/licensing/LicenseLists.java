package com.seatkeeper.licensing;

import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.Cursor;
import com.seatkeeper.shared.Cursors;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.Slice;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The long lists of licensing, for the API and the Admin Console alike: a pool's holders, its seat ledger, the holders
 * CSV and the pickers' searches, fast at a million students (docs/design.md "Large districts: licensing lists"). Pages
 * are keyset-paged ({@link SeekRequest}: an opaque {@code after} cursor sealed by {@link Cursors}, or an offset up to
 * {@link SeekRequest#MAX_OFFSET}); totals are exact up to {@link Slice.Total#EXACT_UP_TO}. Visibility as everywhere: another district's pool is 404, a
 * school admin sees their schools' people only; vendor, district and school admins may read these lists.
 */
@Service
public class LicenseLists {
    private final LicenseListStore store;
    private final Licensing licensing;
    private final Rosters rosters;
    private final Cursors cursors;

    LicenseLists(LicenseListStore store, Licensing licensing, Rosters rosters, Cursors cursors) {
        this.store = store;
        this.licensing = licensing;
        this.rosters = rosters;
        this.cursors = cursors;
    }

    /**
     * One page of the pool's holders, in (assigned date, person) order. Total: the pool's exact {@code assigned} count for a
     * district-wide reader, else the count of the school admin's holders up to {@link Slice.Total#EXACT_UP_TO}.
     *
     * @throws InvalidRequestException {@code invalid_cursor} for a cursor this list (this pool, this reader's scope) did not
     *                                 hand out; {@code invalid_request} for {@code before} (the list pages forwards only)
     */
    @Transactional(readOnly = true)
    public Slice<Holder> holders(Actor actor, PoolId poolId, SeekRequest request) {
        LicensePool pool = readablePool(actor, poolId);
        Set<SchoolId> schools = schoolScope(actor);
        String list = "holders|" + poolId + "|" + scopeKey(schools);
        ListCursor.Position after = position(request, list, ListCursor::holder);
        List<LicenseListStore.HolderLine> rows = store.holders(poolId, schools, after, request.offset(), request.limit() + 1);
        List<LicenseListStore.HolderLine> page = rows.subList(0, Math.min(rows.size(), request.limit()));
        String next = rows.size() > request.limit()
                ? cursors.seal(ListCursor.of(list, new ListCursor.Position(page.get(page.size() - 1).assignedAt(),
                        page.get(page.size() - 1).userId().toString())))
                : null;
        Slice.Total total = schools == null ? new Slice.Total(pool.assigned(), true)
                : Slice.Total.ofCapped(store.countHolders(poolId, schools));
        List<Holder> holders = page.stream().map(h -> new Holder(h.userId(), h.name(), h.role(), h.assignedAt(), h.assignedBy(),
                h.lastActiveAt())).toList();
        return new Slice<>(holders, total, next, null);
    }

    /**
     * Every holder of the pool the actor may see, in the holders list's order, handed to {@code each} one at a time from
     * one streamed query (bounded memory: see {@link LicenseListStore#eachHolder}). Checks the actor before the first row.
     * {@code each} runs on a thread of its own (one row at a time, in order) while the next rows are read; every row has
     * been handed to it when this returns, and its failure is thrown here.
     */
    @Transactional(readOnly = true)
    public void eachHolder(Actor actor, PoolId poolId, Consumer<HolderExportRow> each) {
        readablePool(actor, poolId);
        store.eachHolder(poolId, schoolScope(actor), each);
    }

    /**
     * One page of the pool's seat history, newest first by (time, id), optionally about one person (the rows about them
     * and the reassignments away from them) and of one action. School admins see the rows about no one (pool opened,
     * purchases) and about people of their schools only; the other person of a reassignment is left blank
     * ({@code fromUserId} null) when they are not of those schools.
     *
     * @param action a {@link SeatAction} name, or null for every action
     * @throws InvalidRequestException {@code invalid_cursor} for a cursor this list (this pool, scope and filters) did not
     *                                 hand out; {@code invalid_request} for {@code before} (the list pages forwards only)
     */
    @Transactional(readOnly = true)
    public Slice<LedgerEntry> ledger(Actor actor, PoolId poolId, UserId user, String action, SeekRequest request) {
        LicensePool pool = readablePool(actor, poolId);
        Set<SchoolId> schools = schoolScope(actor);
        LicenseListStore.LedgerFilter filter = new LicenseListStore.LedgerFilter(user, action, schools);
        String list = "ledger|" + poolId + "|" + scopeKey(schools) + "|" + user + "|" + action;
        ListCursor.Position after = position(request, list, ListCursor::ledgerRow);
        List<LedgerEntry> rows = store.ledger(poolId, filter, after, request.offset(), request.limit() + 1);
        List<LedgerEntry> page = rows.subList(0, Math.min(rows.size(), request.limit()));
        String next = rows.size() > request.limit()
                ? cursors.seal(ListCursor.of(list, new ListCursor.Position(page.get(page.size() - 1).occurredAt(),
                        Long.toString(page.get(page.size() - 1).id()))))
                : null;
        List<LedgerEntry> shown = schools == null ? List.copyOf(page) : blankOthers(pool, page, schools);
        return new Slice<>(shown, Slice.Total.ofCapped(store.countLedger(poolId, filter)), next, null);
    }

    /**
     * The "give a license" picker: active people the actor may manage who may take a seat of the pool today and hold none
     * of its product and seat type, matching {@code q} (name or email; blank: everyone), by name, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public Choices candidates(Actor actor, PoolId poolId, String q, int limit) {
        LicensePool pool = readablePool(actor, poolId);
        LocalDate today = licensing.today(pool.districtId());
        return choices(pool.districtId(), new LicenseListStore.Who.Candidates(pool, today), q, actor, limit);
    }

    /** The "reassign from" pickers: holders of any of the pools (of one district, each visible to the actor) matching {@code q}. */
    @Transactional(readOnly = true)
    public Choices holdersMatching(Actor actor, List<PoolId> poolIds, String q, int limit) {
        if (poolIds.isEmpty()) {
            return new Choices(List.of(), false);
        }
        List<LicensePool> pools = poolIds.stream().map(id -> readablePool(actor, id)).toList();
        DistrictId district = pools.get(0).districtId();
        if (pools.stream().anyMatch(p -> !p.districtId().equals(district))) {
            throw new IllegalArgumentException("pools of one district only");
        }
        return choices(district, new LicenseListStore.Who.HoldersOf(poolIds), q, actor, limit);
    }

    /** The ledger's person filter: people who appear in the pool's ledger matching {@code q}. */
    @Transactional(readOnly = true)
    public Choices ledgerPeople(Actor actor, PoolId poolId, String q, int limit) {
        LicensePool pool = readablePool(actor, poolId);
        return choices(pool.districtId(), new LicenseListStore.Who.InLedgerOf(poolId), q, actor, limit);
    }

    /**
     * One page of the educators page's list: educators of the district (a school admin: of their schools) with one of the
     * roles, of the school, matching {@code q}, and holding ({@code has}) or lacking an educator license of the product
     * today (no product: no licence filter), ordered by name, from an offset. Total exact up to
     * {@link Listing.Total#COUNT_LIMIT}; {@code next} is the next page's offset (null on the last page).
     *
     * @param roles educator roles; empty means every educator role
     */
    @Transactional(readOnly = true)
    public Listing<UserId> educators(Actor actor, DistrictId districtId, Set<Role> roles, SchoolId school, String q, UUID productId,
                                     boolean has, int offset, int limit) {
        actor.requireVisible(districtId, "district", districtId);
        actor.requireAnyOf("search educators", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        Text.requireOptionalLine("q", q, Text.TITLE);
        Set<Role> educatorRoles = roles.isEmpty() ? Set.of(Role.TEACHER, Role.SCHOOL_ADMIN, Role.DISTRICT_ADMIN, Role.STAFF) : roles;
        LicenseListStore.EducatorFilter filter = new LicenseListStore.EducatorFilter(educatorRoles, school, q, productId, has,
                licensing.today(districtId));
        List<UserId> rows = store.educators(districtId, filter, schoolScope(actor), Math.max(offset, 0), limit + 1);
        List<UserId> page = List.copyOf(rows.subList(0, Math.min(rows.size(), limit)));
        return new Listing<>(page, Listing.Total.counted(store.countEducators(districtId, filter, schoolScope(actor))),
                rows.size() > limit ? Integer.toString(Math.max(offset, 0) + limit) : null);
    }

    /**
     * The names of the people among {@code ids} whom a reader of the pool may see: the pool's district's people (a school
     * admin: of their schools only, as the pool's lists show them). Any other id is left out, exactly as an id of no one,
     * so a page that names a person given in a request never names one the reader may not see.
     */
    @Transactional(readOnly = true)
    public Map<UserId, String> names(Actor actor, PoolId poolId, Collection<UserId> ids) {
        LicensePool pool = readablePool(actor, poolId);
        Set<SchoolId> schools = schoolScope(actor);
        Map<UserId, String> names = new LinkedHashMap<>();
        rosters.find(pool.districtId(), ids).values().stream()
                .filter(p -> schools == null || !Collections.disjoint(p.schoolIds(), schools))
                .forEach(p -> names.put(p.id(), p.displayName()));
        return names;
    }

    /**
     * Whether the person holds a seat of the pool (for a reassignment's "from"); the pool is checked for the actor, and a
     * person the actor may not see ({@link #names}) holds none as far as they are told.
     */
    @Transactional(readOnly = true)
    public boolean holds(Actor actor, PoolId poolId, UserId user) {
        return !names(actor, poolId, List.of(user)).isEmpty() && store.holds(poolId, user);
    }

    private Choices choices(DistrictId district, LicenseListStore.Who who, String q, Actor actor, int limit) {
        Text.requireOptionalLine("q", q, Text.TITLE);
        int n = Math.min(Math.max(limit, 1), PageRequest.MAX_LIMIT);
        List<Choices.Choice> rows = store.choices(district, who, q, schoolScope(actor), n + 1);
        return new Choices(List.copyOf(rows.subList(0, Math.min(n, rows.size()))), rows.size() > n);
    }

    private LicensePool readablePool(Actor actor, PoolId poolId) {
        LicensePool pool = licensing.pool(actor, poolId);
        actor.requireAnyOf("review license holders and the seat ledger", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN,
                ActorRole.SCHOOL_ADMIN);
        return pool;
    }

    /** The validated position of the request's cursor, or null from the start (the offset applies then). */
    private ListCursor.Position position(SeekRequest request, String list, Function<Cursor, ListCursor.Position> read) {
        if (request.backwards()) {
            throw new InvalidRequestException("before", "This list pages forwards only: follow the next page's cursor with after, "
                    + "or leave the cursor out to start at the beginning.");
        }
        return request.after() == null ? null : cursors.open("after", list, 2, request.after(), read);
    }

    /** The rows with {@code fromUserId} blanked where that person belongs to none of the schools. */
    private List<LedgerEntry> blankOthers(LicensePool pool, List<LedgerEntry> rows, Set<SchoolId> schools) {
        Map<UserId, RosterUser> from = rosters.find(pool.districtId(),
                rows.stream().map(LedgerEntry::fromUserId).filter(Objects::nonNull).toList());
        return rows.stream().map(e -> {
            RosterUser other = e.fromUserId() == null ? null : from.get(e.fromUserId());
            if (e.fromUserId() == null || other != null && !Collections.disjoint(other.schoolIds(), schools)) {
                return e;
            }
            return new LedgerEntry(e.id(), e.action(), e.userId(), null, e.assignedDelta(), e.seatsDelta(), e.reason(), e.actor(),
                    e.source(), e.occurredAt());
        }).toList();
    }

    /** The schools a school admin's lists are limited to; null (no limit) for everyone else. */
    private static Set<SchoolId> schoolScope(Actor actor) {
        return actor.role() == ActorRole.SCHOOL_ADMIN ? actor.schoolIds() : null;
    }

    private static String scopeKey(Set<SchoolId> schools) {
        return schools == null ? "all" : schools.stream().map(SchoolId::toString).sorted().toList().toString();
    }
}
