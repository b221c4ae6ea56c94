package com.seatkeeper.roster.changes;

import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ApiProblems;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs of uploads and syncs (issue 9 §4): one run, a district's history, the apply of a preview, confirm and discard of a HELD run. */
@RestController
class SyncRunController {
    private final RosterChanges changes;

    SyncRunController(RosterChanges changes) {
        this.changes = changes;
    }

    @Operation(summary = "One run of an upload or sync", description = "Status, phase, rows read, counts, seat impact and problems. "
            + "District admins of the run's district and the vendor admin.")
    @ApiResponse(responseCode = "200", description = "the run", content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiRefusals(RunRefusal.RoleNotAllowed.class)
    @GetMapping("/api/v1/sync-runs/{runId}")
    ResponseEntity<?> run(@AuthenticationPrincipal Actor actor, @PathVariable String runId) {
        return changes.report(actor, SyncRunId.of(runId)).toResponse(200, RunJson::of);
    }

    @Operation(summary = "A district's runs", description = "Newest first, without their problems; paged with limit and offset, "
            + "the total in X-Total-Count.")
    @ApiResponse(responseCode = "200", description = "the runs",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = RunJson.class))))
    @ApiRefusals(RunRefusal.RoleNotAllowed.class)
    @GetMapping("/api/v1/districts/{districtId}/sync-runs")
    ResponseEntity<?> runs(@AuthenticationPrincipal Actor actor, @PathVariable String districtId,
                           @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        Outcome<Page<ImportReport>> page = changes.history(actor, DistrictId.of(districtId), PageRequest.of(limit, offset));
        if (page instanceof Outcome.Refused<Page<ImportReport>> refused) {
            return ApiProblems.of(refused.refusal());
        }
        return page.value().map(RunJson::of).toResponse();
    }

    @Operation(summary = "Apply a HELD run", description = "Applies the run the deletion guard held, as compared: refused when the "
            + "district's roster changed since (held_run_stale: upload again).")
    @ApiResponse(responseCode = "200", description = "the applied run", content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiRefusals({RunRefusal.RoleNotAllowed.class, RunRefusal.NotHeld.class, RunRefusal.HeldRunStale.class})
    @PostMapping("/api/v1/sync-runs/{runId}/confirm")
    ResponseEntity<?> confirm(@AuthenticationPrincipal Actor actor, @PathVariable String runId) {
        return changes.confirm(actor, SyncRunId.of(runId)).toResponse(200, RunJson::of);
    }

    @Operation(summary = "Apply a preview", description = "Applies a PREVIEW run's staged files without uploading them again, as "
            + "an upload with dryRun=false would: compared again, then applied all or nothing, or HELD by the deletion guard (then "
            + "confirm or discard it). Refused when the district's roster changed since the preview (held_run_stale: upload the "
            + "files again), when the run is not a preview whose files are still kept (not_previewed: a newer preview replaces "
            + "it, and it is kept a day), and while another upload or sync of the district runs (import_in_progress). District "
            + "admins of the run's district and the vendor admin.")
    @ApiResponse(responseCode = "200", description = "the run, APPLIED or HELD", content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiRefusals({RunRefusal.RoleNotAllowed.class, RunRefusal.NotPreviewed.class, RunRefusal.HeldRunStale.class,
            RunRefusal.ImportInProgress.class})
    @PostMapping("/api/v1/sync-runs/{runId}/apply")
    ResponseEntity<?> apply(@AuthenticationPrincipal Actor actor, @PathVariable String runId) {
        return changes.applyPreview(actor, SyncRunId.of(runId)).toResponse(200, RunJson::of);
    }

    @Operation(summary = "Discard a HELD run", description = "The run ends DISCARDED; nothing in the roster changes.")
    @ApiResponse(responseCode = "200", description = "the discarded run", content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiRefusals({RunRefusal.RoleNotAllowed.class, RunRefusal.NotHeld.class})
    @PostMapping("/api/v1/sync-runs/{runId}/discard")
    ResponseEntity<?> discard(@AuthenticationPrincipal Actor actor, @PathVariable String runId) {
        return changes.discard(actor, SyncRunId.of(runId)).toResponse(200, RunJson::of);
    }
}
