package com.seatkeeper.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an API operation may answer besides the ones every operation may ({@code invalid_request}, {@code unauthorized},
 * {@code forbidden}, {@code not_found}, {@code internal_error}): refusal types, each a record or a sealed interface of records
 * implementing {@code shared.BusinessRefusal}. {@link OpenApiConfig} documents one response per status with its problem codes,
 * read from the types themselves, so the OpenAPI document lists exactly the codes the code can answer.
 *
 * <pre>
 *   &#64;ApiRefusals(LicenseRefusal.class)
 *   &#64;PutMapping("/api/v1/license-pools/{poolId}/assignments/{userId}")
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ApiRefusals {
    /** Refusal types (records or sealed interfaces of records). */
    Class<?>[] value() default {};

    /**
     * Codes of refusals that are not types of their own (a database constraint that caught a race, {@code shared.ConstraintRefusal}),
     * as {@code "409:no_licenses_available"}: status, colon, code.
     */
    String[] also() default {};
}
