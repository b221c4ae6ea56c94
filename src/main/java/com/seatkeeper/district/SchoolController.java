package com.seatkeeper.district;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.SchoolId;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PATCH /api/v1/schools/{schoolId}} {@code {name?, teachersMayEnrollAnyStudent?}}: renames a
 * school and/or lets its teachers enroll any of its active students (see {@link Districts#updateSchool}).
 * Answers 200 with the school; 404 for a school of another district or (school admins) not theirs;
 * 409 {@code roster_read_only} for a name change in a Clever/ClassLink district; 400 naming the field.
 */
@RestController
class SchoolController {
    private final Districts districts;

    SchoolController(Districts districts) {
        this.districts = districts;
    }

    /**
     * The fields that may change; an absent field stays as it is, an explicit null is refused (400 naming it). A class
     * with fields, not a record: Jackson gives a record's absent components to its constructor as nulls.
     */
    static final class SchoolPatch {
        @JsonSetter(nulls = Nulls.FAIL)
        public String name;
        @JsonSetter(nulls = Nulls.FAIL)
        public Boolean teachersMayEnrollAnyStudent;
    }

    @ApiResponse(responseCode = "200", description = "the school after the change", content = @Content(schema = @Schema(implementation = DistrictController.SchoolView.class)))
    @ApiRefusals(DistrictRefusal.class)
    @PatchMapping("/api/v1/schools/{schoolId}")
    ResponseEntity<?> update(@AuthenticationPrincipal Actor actor, @PathVariable String schoolId, @RequestBody SchoolPatch body) {
        return districts.updateSchool(actor, SchoolId.of(schoolId), new Districts.SchoolChange(body.name, body.teachersMayEnrollAnyStudent))
                .toResponse(200, DistrictController.SchoolView::of);
    }
}
