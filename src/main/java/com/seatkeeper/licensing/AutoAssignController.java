package com.seatkeeper.licensing;

import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /api/v1/license-pools/{poolId}/auto-assign}: a pool's auto-assignment rules ({@link AutoAssign}). */
@RestController
class AutoAssignController {
    private final AutoAssign autoAssign;

    AutoAssignController(AutoAssign autoAssign) {
        this.autoAssign = autoAssign;
    }

    /** One rule as asked: the kind and what it takes (see {@link AutoAssignRule}). */
    record RuleBody(@Schema(example = "SCHOOL_STUDENTS") AutoAssignRule.Kind kind,
                    @Schema(description = "SCHOOL_* (required), COURSE_*, GRADE_STUDENTS (optional): a school of the pool's district; "
                            + "for a school pool, the pool's school") UUID schoolId,
                    @Schema(description = "COURSE_* only: a course title as the district's classes carry it (ignoring case)",
                            example = "Algebra I") String course,
                    @Schema(description = "GRADE_STUDENTS only: a CEDS grade code (IT, PR, PK, TK, KG, 01 to 13, PS, UG, Other)",
                            example = "09") String grade) {
        AutoAssignRule rule() {
            return new AutoAssignRule(kind, schoolId == null ? null : new SchoolId(schoolId), course, grade);
        }
    }

    /** The whole set of a pool's rules; an empty list removes them. */
    record RulesBody(@NotNull List<@NotNull RuleBody> rules) {}

    /** A rule as stored, with its words. */
    record RuleView(AutoAssignRule.Kind kind, String schoolId, String course, String grade,
                    @Schema(example = "All students of Lincoln Elementary") String description) {
        static RuleView of(AutoAssign.DescribedRule d) {
            AutoAssignRule r = d.rule();
            return new RuleView(r.kind(), r.schoolId() == null ? null : r.schoolId().toString(), r.course(), r.grade(), d.words());
        }
    }

    /** A pool's rules and how many people wait for a seat by them. */
    record RulesView(String poolId, List<RuleView> rules,
                     @Schema(description = "active people matching a rule who hold no license of the pool's product") long waiting) {
        static RulesView of(AutoAssign.PoolRules r) {
            return new RulesView(r.pool().id().toString(), r.rules().stream().map(RuleView::of).toList(), r.waiting());
        }
    }

    /** What a save did: the rules, how many got a license at once and how many still wait. */
    record SavedView(String poolId, List<RuleView> rules, @Schema(description = "licenses given at once by the rules") long assigned,
                     @Schema(description = "people matching a rule still without a license (the pool is full)") long waiting) {
        static SavedView of(AutoAssign.Saved s) {
            RulesView r = RulesView.of(s.rules());
            return new SavedView(r.poolId(), r.rules(), s.assigned(), r.waiting());
        }
    }

    @ApiResponse(responseCode = "200", description = "the pool's rules and how many wait",
            content = @Content(schema = @Schema(implementation = RulesView.class)))
    @GetMapping("/api/v1/license-pools/{poolId}/auto-assign")
    RulesView rules(@AuthenticationPrincipal Actor actor, @PathVariable String poolId) {
        return RulesView.of(autoAssign.rules(actor, PoolId.of(poolId)));
    }

    /** Replaces the rules and assigns by them at once (in the same transaction). */
    @ApiResponse(responseCode = "200", description = "saved: the rules, licenses given at once, people still waiting",
            content = @Content(schema = @Schema(implementation = SavedView.class)))
    @ApiRefusals(AutoAssignRefusal.class)
    @PutMapping("/api/v1/license-pools/{poolId}/auto-assign")
    ResponseEntity<?> replace(@AuthenticationPrincipal Actor actor, @PathVariable String poolId, @Valid @RequestBody RulesBody body) {
        return autoAssign.replace(actor, PoolId.of(poolId), body.rules().stream().map(RuleBody::rule).toList())
                .toResponse(200, SavedView::of);
    }
}
