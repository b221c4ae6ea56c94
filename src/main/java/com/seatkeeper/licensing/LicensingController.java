package com.seatkeeper.licensing;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.platform.PagedLists;
import io.swagger.v3.oas.annotations.Operation;
import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ApiProblems;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LicensingController {
    private final Licensing licensing;
    private final LicenseLists lists;
    private final AutoAssign autoAssign;

    LicensingController(Licensing licensing, LicenseLists lists, AutoAssign autoAssign) {
        this.licensing = licensing;
        this.lists = lists;
        this.autoAssign = autoAssign;
    }

    record NewPoolBody(@Schema(example = "NUMBERWORKS") @NotBlank String productCode, @NotNull SeatType seatType,
                       @Schema(example = "40") @NotNull @Positive Integer seats, @Schema(example = "2026-08-01") @NotNull LocalDate startsOn,
                       @Schema(example = "2027-07-31") @NotNull LocalDate endsOn,
                       @Schema(description = "only for this school's people; absent: district-wide") UUID schoolId) {}

    /** A pool with its counts; {@code waiting}: people its auto-assign rules name who hold no license of the product ({@link AutoAssign}). */
    record PoolView(String id, String districtId, String productCode, String productName, SeatType seatType, String schoolId,
                    int seats, int assigned, int available, LocalDate startsOn, LocalDate endsOn, long waiting) {
        static PoolView of(LicensePool p, long waiting) {
            return new PoolView(p.id().toString(), p.districtId().toString(), p.productCode(), p.productName(), p.seatType(),
                    p.schoolId() == null ? null : p.schoolId().toString(), p.seats(), p.assigned(), p.available(), p.startsOn(), p.endsOn(),
                    waiting);
        }

        /** A pool without rules (a new one): nobody waits. */
        static PoolView of(LicensePool p) {
            return of(p, 0);
        }
    }

    record PurchaseBody(@Schema(example = "10") @NotNull @Positive Integer seats, @Schema(example = "PO-2026-0142") String reference) {}

    record HolderView(String userId, String name, Role role, Instant assignedAt, String assignedBy, Instant lastActiveAt) {
        static HolderView of(Holder h) {
            return new HolderView(h.userId().toString(), h.name(), h.role(), h.assignedAt(), h.assignedBy(), h.lastActiveAt());
        }
    }

    record ReassignBody(@NotNull UUID fromUserId, @NotNull UUID toUserId) {}

    record BulkBody(@NotEmpty List<@NotNull UUID> userIds, @NotNull BulkMode mode) {}

    record BulkLineView(String userId, BulkResult.Result result, String code, String detail) {}

    record BulkView(String poolId, BulkMode mode, long assigned, long alreadyAssigned, long refused, long notAssigned,
                    int seats, int available, List<BulkLineView> results) {
        static BulkView of(BulkResult r) {
            return new BulkView(r.pool().id().toString(), r.mode(), r.count(BulkResult.Result.ASSIGNED),
                    r.count(BulkResult.Result.ALREADY_ASSIGNED), r.count(BulkResult.Result.REFUSED), r.count(BulkResult.Result.NOT_ASSIGNED),
                    r.pool().seats(), r.pool().available(),
                    r.lines().stream().map(l -> new BulkLineView(l.userId().toString(), l.result(), l.code(), l.detail())).toList());
        }
    }

    record LicenseView(String poolId, String productCode, String productName, SeatType seatType, Instant assignedAt,
                       LocalDate startsOn, LocalDate endsOn, SeatStatus status) {
        static LicenseView of(UserLicense l) {
            return new LicenseView(l.poolId().toString(), l.productCode(), l.productName(), l.seatType(), l.assignedAt(),
                    l.startsOn(), l.endsOn(), l.status());
        }
    }

    record RenewalBody(@Schema(example = "40") @NotNull @Positive Integer seats, @Schema(example = "2027-08-01") @NotNull LocalDate startsOn,
                       @Schema(example = "2028-07-31") @NotNull LocalDate endsOn,
                       @Schema(description = "give the still-eligible holders seats of the new pool at once (pending until it starts)")
                       @NotNull Boolean carryOverHolders) {}

    record RenewalLineView(String userId, String name, String code, String detail) {
        static RenewalLineView of(RenewalPlan.Line l) {
            return new RenewalLineView(l.userId().toString(), l.name(), l.code(), l.detail());
        }
    }

    /** A renewal's answer; on a dry run the pool has no id (nothing was stored). */
    record RenewalView(PoolView pool, String renewalOf, boolean dryRun, int carriedOver, List<RenewalLineView> carried,
                       List<RenewalLineView> leftOut) {
        static RenewalView of(Licensing.RenewalResult r, PoolId renewed) {
            PoolView pool = PoolView.of(r.pool());
            if (r.dryRun()) {
                pool = new PoolView(null, pool.districtId(), pool.productCode(), pool.productName(), pool.seatType(), pool.schoolId(),
                        pool.seats(), r.plan().carried().size(), pool.seats() - r.plan().carried().size(), pool.startsOn(), pool.endsOn(), 0);
            }
            return new RenewalView(pool, renewed.toString(), r.dryRun(), r.plan().carried().size(),
                    r.plan().carried().stream().map(RenewalLineView::of).toList(),
                    r.plan().leftOut().stream().map(RenewalLineView::of).toList());
        }
    }

    record LedgerView(long id, String action, String userId, String fromUserId, int assignedDelta, int seatsDelta, String reason,
                      String actor, String source, Instant occurredAt) {
        static LedgerView of(LedgerEntry e) {
            return new LedgerView(e.id(), e.action().name(), e.userId() == null ? null : e.userId().toString(),
                    e.fromUserId() == null ? null : e.fromUserId().toString(), e.assignedDelta(), e.seatsDelta(), e.reason(), e.actor(),
                    e.source().name(), e.occurredAt());
        }
    }

    @ApiResponse(responseCode = "201", description = "the new pool with its counts", content = @Content(schema = @Schema(implementation = PoolView.class)))
    @ApiRefusals({LicenseRefusal.UnknownProduct.class, LicenseRefusal.SeatTypeNotOffered.class, LicenseRefusal.UnknownSchool.class, LicenseRefusal.OverlappingPool.class,
            LicenseRefusal.SeatLimitExceeded.class})
    @PostMapping("/api/v1/districts/{districtId}/license-pools")
    ResponseEntity<?> open(@AuthenticationPrincipal Actor actor, @PathVariable String districtId, @Valid @RequestBody NewPoolBody body) {
        return licensing.openPool(actor, DistrictId.of(districtId), new Licensing.NewPool(body.productCode(), body.seatType(),
                        new SeatCount(body.seats()), body.startsOn(), body.endsOn(), body.schoolId() == null ? null : new SchoolId(body.schoolId())))
                .toResponse(201, PoolView::of);
    }

    @GetMapping("/api/v1/districts/{districtId}/license-pools")
    List<PoolView> pools(@AuthenticationPrincipal Actor actor, @PathVariable String districtId) {
        DistrictId district = DistrictId.of(districtId);
        List<LicensePool> pools = licensing.pools(actor, district);
        Map<PoolId, Long> waiting = autoAssign.waiting(actor, district);
        return pools.stream().map(p -> PoolView.of(p, waiting.getOrDefault(p.id(), 0L))).toList();
    }

    @GetMapping("/api/v1/license-pools/{poolId}")
    PoolView pool(@AuthenticationPrincipal Actor actor, @PathVariable String poolId) {
        PoolId id = PoolId.of(poolId);
        return PoolView.of(licensing.pool(actor, id), autoAssign.waiting(actor, id));
    }

    @ApiResponse(responseCode = "201", description = "the pool with its new counts", content = @Content(schema = @Schema(implementation = PoolView.class)))
    @ApiRefusals(LicenseRefusal.SeatLimitExceeded.class)
    @PostMapping("/api/v1/license-pools/{poolId}/purchases")
    ResponseEntity<?> purchase(@AuthenticationPrincipal Actor actor, @PathVariable String poolId, @Valid @RequestBody PurchaseBody body) {
        PoolId id = PoolId.of(poolId);
        return licensing.purchase(actor, id, new SeatCount(body.seats()), body.reference())
                .toResponse(201, p -> PoolView.of(p, autoAssign.waiting(actor, id)));
    }

    /** Opens the next term's pool (201); {@code ?dryRun=true} answers 200 with the same result and changes nothing. */
    @ApiResponse(responseCode = "201", description = "the new pool and who was carried over", content = @Content(schema = @Schema(implementation = RenewalView.class)))
    @ApiResponse(responseCode = "200", description = "dryRun=true: what a renewal would do; nothing changed", content = @Content(schema = @Schema(implementation = RenewalView.class)))
    @ApiRefusals({LicenseRefusal.OverlappingPool.class, LicenseRefusal.SeatLimitExceeded.class})
    @PostMapping("/api/v1/license-pools/{poolId}/renewals")
    ResponseEntity<?> renew(@AuthenticationPrincipal Actor actor, @PathVariable String poolId,
                            @RequestParam(defaultValue = "false") boolean dryRun, @Valid @RequestBody RenewalBody body) {
        PoolId id = PoolId.of(poolId);
        return licensing.renew(actor, id, new Licensing.Renewal(new SeatCount(body.seats()), body.startsOn(), body.endsOn(),
                body.carryOverHolders()), dryRun).toResponse(dryRun ? 200 : 201, r -> RenewalView.of(r, id));
    }

    @ApiResponse(responseCode = "201", description = "assigned now", content = @Content(schema = @Schema(implementation = HolderView.class)))
    @ApiResponse(responseCode = "200", description = "the person already held a license of this pool; nothing changed", content = @Content(schema = @Schema(implementation = HolderView.class)))
    @ApiRefusals({LicenseRefusal.NoLicensesAvailable.class, LicenseRefusal.SeatTypeMismatch.class, LicenseRefusal.UserInactive.class, LicenseRefusal.UserOutOfScope.class,
            LicenseRefusal.PoolNotActive.class, LicenseRefusal.LicenseHeldElsewhere.class, LicenseRefusal.AlreadyHoldsLicense.class})
    @PutMapping("/api/v1/license-pools/{poolId}/assignments/{userId}")
    ResponseEntity<?> assign(@AuthenticationPrincipal Actor actor, @PathVariable String poolId, @PathVariable String userId) {
        return respond(licensing.assign(actor, PoolId.of(poolId), UserId.of(userId)));
    }

    @ApiResponse(responseCode = "204", description = "unassigned: the license is available at once")
    @DeleteMapping("/api/v1/license-pools/{poolId}/assignments/{userId}")
    ResponseEntity<Void> unassign(@AuthenticationPrincipal Actor actor, @PathVariable String poolId, @PathVariable String userId) {
        licensing.unassign(actor, PoolId.of(poolId), UserId.of(userId));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "200", description = "the license now held by toUserId", content = @Content(schema = @Schema(implementation = HolderView.class)))
    @ApiRefusals({LicenseRefusal.NoLicensesAvailable.class, LicenseRefusal.SeatTypeMismatch.class, LicenseRefusal.UserInactive.class, LicenseRefusal.UserOutOfScope.class,
            LicenseRefusal.PoolNotActive.class, LicenseRefusal.LicenseHeldElsewhere.class, LicenseRefusal.AlreadyHoldsLicense.class})
    @PostMapping("/api/v1/license-pools/{poolId}/reassignments")
    ResponseEntity<?> reassign(@AuthenticationPrincipal Actor actor, @PathVariable String poolId, @Valid @RequestBody ReassignBody body) {
        AssignOutcome outcome = licensing.reassign(actor, PoolId.of(poolId), new UserId(body.fromUserId()), new UserId(body.toUserId()));
        if (outcome instanceof AssignOutcome.Assigned a) {
            return ResponseEntity.ok(HolderView.of(a.holder()));
        }
        return respond(outcome);
    }

    @ApiResponse(responseCode = "200", description = "a result per person", content = @Content(schema = @Schema(implementation = BulkView.class)))
    @ApiRefusals({LicenseRefusal.NoLicensesAvailable.class, LicenseRefusal.BulkRefused.class, LicenseRefusal.PoolNotActive.class})
    @PostMapping("/api/v1/license-pools/{poolId}/assignments:bulk")
    ResponseEntity<?> bulk(@AuthenticationPrincipal Actor actor, @PathVariable String poolId, @Valid @RequestBody BulkBody body) {
        BulkResult result = licensing.bulkAssign(actor, PoolId.of(poolId), body.userIds().stream().map(UserId::new).toList(), body.mode());
        if (result.refusal() != null) {
            var problem = ApiProblems.of(result.refusal());
            problem.getBody().setProperty("results", BulkView.of(result).results());
            return problem;
        }
        return ResponseEntity.ok(BulkView.of(result));
    }

    record BulkUnassignBody(@NotEmpty List<@NotNull UUID> userIds) {}

    /** A bulk unassignment's answer: how many seats were released and the pool's counts after it. */
    record BulkUnassignView(String poolId, int unassigned, int seats, int available) {}

    @ApiResponse(responseCode = "200", description = "every listed person's license unassigned, in one transaction",
            content = @Content(schema = @Schema(implementation = BulkUnassignView.class)))
    @ApiRefusals(SeatBatchRefusal.class)
    @PostMapping("/api/v1/license-pools/{poolId}/unassignments:bulk")
    ResponseEntity<?> bulkUnassign(@AuthenticationPrincipal Actor actor, @PathVariable String poolId,
                                   @Valid @RequestBody BulkUnassignBody body) {
        PoolId id = PoolId.of(poolId);
        return licensing.unassignAll(actor, id, body.userIds().stream().map(UserId::new).toList())
                .toResponse(200, n -> {
                    LicensePool pool = licensing.pool(actor, id);
                    return new BulkUnassignView(poolId, n, pool.seats(), pool.available());
                });
    }

    /** The pool's holders, paged by keyset ({@link LicenseLists#holders}); see docs/design.md "Paged lists". */
    @Operation(summary = "List a pool's holders", description = PagedLists.PAGING)
    @ApiRefusals(also = {"400:invalid_cursor", "400:offset_not_supported"})
    @GetMapping("/api/v1/license-pools/{poolId}/assignments")
    ResponseEntity<List<HolderView>> holders(@AuthenticationPrincipal Actor actor, @PathVariable String poolId,
                                             @Parameter(description = PagedLists.LIMIT) @RequestParam(required = false) Integer limit,
                                             @Parameter(description = PagedLists.AFTER) @RequestParam(required = false) String after,
                                             @Parameter(description = PagedLists.OFFSET) @RequestParam(required = false) Integer offset) {
        return lists.holders(actor, PoolId.of(poolId), SeekRequest.of(limit, after, offset)).map(HolderView::of).toResponse();
    }

    /** The pool's seat ledger, paged by keyset ({@link LicenseLists#ledger}); see docs/design.md "Paged lists". */
    @Operation(summary = "List a pool's seat ledger", description = PagedLists.PAGING)
    @ApiRefusals(also = {"400:invalid_cursor", "400:offset_not_supported"})
    @GetMapping("/api/v1/license-pools/{poolId}/ledger")
    ResponseEntity<List<LedgerView>> ledger(@AuthenticationPrincipal Actor actor, @PathVariable String poolId,
                                            @RequestParam(required = false) UUID userId, @RequestParam(required = false) SeatAction action,
                                            @Parameter(description = PagedLists.LIMIT) @RequestParam(required = false) Integer limit,
                                            @Parameter(description = PagedLists.AFTER) @RequestParam(required = false) String after,
                                            @Parameter(description = PagedLists.OFFSET) @RequestParam(required = false) Integer offset) {
        return lists.ledger(actor, PoolId.of(poolId), userId == null ? null : new UserId(userId), action == null ? null : action.name(),
                SeekRequest.of(limit, after, offset)).map(LedgerView::of).toResponse();
    }

    @GetMapping("/api/v1/users/{userId}/licenses")
    List<LicenseView> licensesOf(@AuthenticationPrincipal Actor actor, @PathVariable String userId) {
        return licensing.licensesOf(actor, UserId.of(userId)).stream().map(LicenseView::of).toList();
    }

    private static ResponseEntity<?> respond(AssignOutcome outcome) {
        if (outcome instanceof AssignOutcome.Assigned a) {
            return ResponseEntity.status(a.created() ? 201 : 200).body(HolderView.of(a.holder()));
        }
        return ApiProblems.of(((AssignOutcome.Refused) outcome).refusal());
    }
}
