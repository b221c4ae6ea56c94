package com.seatkeeper.district;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/districts")
class DistrictController {
    private final Districts districts;

    DistrictController(Districts districts) {
        this.districts = districts;
    }

    /** The rules of name and timezone are {@link Districts#create}'s (the console uses the same). */
    record NewDistrict(String name, RosteringSource rosteringSource, String timezone) {}

    record DistrictView(String id, String name, RosteringSource rosteringSource, String timezone) {
        static DistrictView of(District d) {
            return new DistrictView(d.id().toString(), d.name(), d.rosteringSource(), d.timezone().getId());
        }
    }

    /** A new school; the name is checked by the service ({@link Districts#addSchool}). */
    record NewSchool(String name) {}

    record SchoolView(String id, String districtId, String name, String source, String sourcedId, boolean active,
                      boolean teachersMayEnrollAnyStudent) {
        static SchoolView of(School s) {
            return new SchoolView(s.id().toString(), s.districtId().toString(), s.name(), s.source(), s.sourcedId(), s.active(),
                    s.teachersMayEnrollAnyStudent());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DistrictView create(@AuthenticationPrincipal Actor actor, @RequestBody NewDistrict body) {
        return DistrictView.of(districts.create(actor, body.name(), body.rosteringSource(), body.timezone()));
    }

    @GetMapping
    List<DistrictView> list(@AuthenticationPrincipal Actor actor) {
        return districts.list(actor).stream().map(DistrictView::of).toList();
    }

    @GetMapping("/{districtId}")
    DistrictView get(@AuthenticationPrincipal Actor actor, @PathVariable String districtId) {
        return DistrictView.of(districts.get(actor, DistrictId.of(districtId)));
    }

    @ApiResponse(responseCode = "201", description = "the new school", content = @Content(schema = @Schema(implementation = SchoolView.class)))
    @ApiRefusals(DistrictRefusal.class)
    @PostMapping("/{districtId}/schools")
    ResponseEntity<?> addSchool(@AuthenticationPrincipal Actor actor, @PathVariable String districtId, @RequestBody NewSchool body) {
        return districts.addSchool(actor, DistrictId.of(districtId), body.name()).toResponse(201, SchoolView::of);
    }

    @GetMapping("/{districtId}/schools")
    List<SchoolView> schools(@AuthenticationPrincipal Actor actor, @PathVariable String districtId) {
        return districts.schools(actor, DistrictId.of(districtId)).stream().map(SchoolView::of).toList();
    }
}
