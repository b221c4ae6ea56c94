package com.seatkeeper.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks response bodies against the OneRoster 1.2 rostering service's OpenAPI definition
 * (../shared/specs/oneroster/onerosterv1p2rostersservice_openapi3_v1p0.json, read in place) with Atlassian's
 * swagger-request-validator, as CleverStandInTest checks Clever's.
 */
final class OneRosterValidation {
    /** The 1.2 OpenAPI definition, relative to the project directory (as CI checks the project out next to shared/). */
    static final Path SPEC = Path.of("../shared/specs/oneroster/onerosterv1p2rostersservice_openapi3_v1p0.json");
    private static volatile OneRosterValidation v12;

    private final OpenApiInteractionValidator validator;

    private OneRosterValidation(Path spec) {
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toAbsolutePath().toUri().toString())
                .withBasePathOverride("/").build();
    }

    /** The validator of the 1.2 definition (loaded once: parsing it takes a second). */
    static OneRosterValidation v12() {
        if (v12 == null) {
            synchronized (OneRosterValidation.class) {
                if (v12 == null) {
                    v12 = new OneRosterValidation(SPEC);
                }
            }
        }
        return v12;
    }

    /**
     * What does not validate in a 200 JSON response to a GET of {@code path} (relative to the service root, e.g.
     * {@code /users} or {@code /users/u1}): {@code <path>: <message>} per problem, empty when it validates.
     */
    List<String> check(String path, byte[] body) {
        return validator.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.ok().withContentType("application/json")
                        .withBody(new String(body, StandardCharsets.UTF_8)).build())
                .getMessages().stream().map(m -> path + ": " + m.getKey() + " " + m.getMessage()).toList();
    }
}
