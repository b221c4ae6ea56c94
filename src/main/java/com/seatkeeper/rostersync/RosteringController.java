package com.seatkeeper.rostersync;

import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.roster.changes.RunRefusal;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A district's rostering connection, its connection test and same-day sync requests (issue 10). Rules in the services. */
@RestController
class RosteringController {
    private final RosteringSettings settings;
    private final SyncRequests requests;

    RosteringController(RosteringSettings settings, SyncRequests requests) {
        this.settings = settings;
        this.requests = requests;
    }

    /** The body of a 202 answer to a sync request. */
    record SyncRequested(String syncRunId) {}

    @Operation(summary = "Connect the district to Clever (or ClassLink)", description = "Stores the connection (secrets encrypted, "
            + "never returned) and makes the district's roster come from the source. A secret left out keeps the stored one "
            + "only while nothing of where or how it is sent changes (source; base URL scheme, host and port; version; auth; client "
            + "id; token URL): otherwise 400 on the secret's field, naming what changed. Every wrong field is in errors at once: the "
            + "wrong JSON type, no field of the request, a value the chosen source or auth does not use (tokenUrl with OAUTH1, the "
            + "other source's block), a value the rules refuse. District admins and the vendor admin.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RosteringChange.class))))
    @ApiResponse(responseCode = "200", description = "the connection, without secrets",
            content = @Content(schema = @Schema(implementation = RosteringView.class)))
    @ApiRefusals(RosteringRefusal.class)
    @PutMapping("/api/v1/districts/{districtId}/rostering")
    ResponseEntity<?> connect(@AuthenticationPrincipal Actor actor, @PathVariable String districtId,
                              HttpEntity<JsonNode> request) {
        // read as a tree so that every member of the wrong type or unknown is refused at once with the rules' problems
        return settings.connect(actor, DistrictId.of(districtId), RosteringJson.read(request.getBody())).toResponse(200, v -> v);
    }

    @Operation(summary = "The district's rostering connection", description = "Source, server, API version, nightly time and the "
            + "next nightly run; whether a secret is stored, never the secret.")
    @ApiResponse(responseCode = "200", description = "the connection, without secrets",
            content = @Content(schema = @Schema(implementation = RosteringView.class)))
    @ApiRefusals(RosteringRefusal.RoleNotAllowed.class)
    @GetMapping("/api/v1/districts/{districtId}/rostering")
    ResponseEntity<?> get(@AuthenticationPrincipal Actor actor, @PathVariable String districtId) {
        return settings.get(actor, DistrictId.of(districtId)).toResponse(200, v -> v);
    }

    @Operation(summary = "Test the district's rostering connection", description = "Reads the district and the first page of each "
            + "kind (at most 100 records each); ok, what was found, or what went wrong and what to do. found counts the first "
            + "pages only: a district has at least that many of each kind. Changes nothing.")
    @ApiResponse(responseCode = "200", description = "the test's result",
            content = @Content(schema = @Schema(implementation = ConnectionCheck.class)))
    @ApiRefusals({RosteringRefusal.RoleNotAllowed.class, RunRefusal.NotConnected.class})
    @PostMapping("/api/v1/districts/{districtId}/rostering:test")
    ResponseEntity<?> test(@AuthenticationPrincipal Actor actor, @PathVariable String districtId) {
        return settings.test(actor, DistrictId.of(districtId)).toResponse(200, c -> c);
    }

    @Operation(summary = "Request a same-day sync", description = "Queues a sync of the district that starts at once on the "
            + "scheduler; follow it at GET /api/v1/sync-runs/{syncRunId}. At most seatkeeper.sync.same-day-limit (default 3) "
            + "per district per local day.")
    @ApiResponse(responseCode = "202", description = "queued", content = @Content(schema = @Schema(implementation = SyncRequested.class)))
    @ApiRefusals({RosteringRefusal.RoleNotAllowed.class, RosteringRefusal.SyncLimitReached.class, RunRefusal.NotConnected.class,
            RunRefusal.SyncAlreadyQueued.class})
    @PostMapping("/api/v1/districts/{districtId}/sync-requests")
    ResponseEntity<?> request(@AuthenticationPrincipal Actor actor, @PathVariable String districtId) {
        return requests.request(actor, DistrictId.of(districtId)).toResponse(202, id -> new SyncRequested(id.toString()));
    }
}
