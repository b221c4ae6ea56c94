package com.seatkeeper.platform;

import com.seatkeeper.shared.BusinessRefusal;
import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import io.swagger.v3.oas.models.headers.Header;
import java.lang.reflect.Constructor;
import java.lang.reflect.Type;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document's error side, in one place so it cannot drift from the code: every API operation documents its
 * refusals as {@code application/problem+json} responses of the {@code Problem} schema, one per status, listing the
 * {@code code} values it may carry (with an example each). The codes every operation may answer come from
 * {@code shared.ApiProblems} and the security chain (below); an operation's own ones from the refusal types named by its
 * {@link ApiRefusals} annotation. Success responses (201, 204, schemas) are the controllers' springdoc annotations.
 * {@code ApiContractTest} checks requests and responses of the main calls against the document.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** A refusal code with its status and title. */
    record Code(int status, String code, String title) {}

    /** Title, bearer authentication and the {@code Problem} schema (RFC 9457 with our {@code code} member). */
    @Bean
    OpenApiCustomizer seatkeeperDocument() {
        return openApi -> {
            openApi.info(new Info().title("Seatkeeper API").version("v1").description("""
                    License seats and rosters of K-12 districts. Authenticate with `Authorization: Bearer <API token>`; a token acts \
                    as a person with their role and district. Errors are RFC 9457 problem details (`application/problem+json`) \
                    with a stable `code`; another district's ids answer 404. Long lists page by keyset: `limit` (1 to 1000), \
                    `after` from the previous page's `Link` rel="next" or `X-Next-Cursor`, `offset` up to 1,000; the total in \
                    `X-Total-Count` when exact, else `X-Total-Count-Exceeds`. See docs/design.md, section "REST contract"."""));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components.addSchemas(PROBLEM, problemSchema())
                    .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .description("an API token (sk_...), from the console's API tokens page or POST /api/v1/api-tokens")));
            openApi.addSecurityItem(new SecurityRequirement().addList("bearer"));
        };
    }

    /**
     * Fields the API writes as {@code null} are documented as nullable: every property of a reference type (a String, an
     * Instant, a boxed number, an enum) that is not an array and not declared {@code @NotNull}, {@code @NotBlank},
     * {@code @NotEmpty} or {@code @Schema(requiredMode = REQUIRED)} (a field the service requires though the body does
     * not validate it, such as an API token's name). Primitive fields (counts) and lists are never null.
     */
    @Bean
    PropertyCustomizer nullableReferences() {
        return (property, type) -> {
            Type t = type.getType();
            boolean primitive = t instanceof Class<?> c ? c.isPrimitive() : t instanceof JavaType j && j.isPrimitive();
            boolean collection = t instanceof Class<?> c ? Collection.class.isAssignableFrom(c) || c.isArray()
                    : t instanceof JavaType j && (j.isCollectionLikeType() || j.isArrayType() || j.isMapLikeType());
            boolean required = type.getCtxAnnotations() != null && Arrays.stream(type.getCtxAnnotations())
                    .anyMatch(a -> a instanceof NotNull || a instanceof NotBlank || a instanceof NotEmpty
                            || a instanceof io.swagger.v3.oas.annotations.media.Schema s
                            && s.requiredMode() == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED);
            if (!primitive && !collection && !required && property.get$ref() == null) {
                property.setNullable(true);
            }
            return property;
        };
    }

    /** The refusals of each operation, and 2xx answers only as the controller declares them. */
    @Bean
    OperationCustomizer refusalResponses() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            keepOnlyDeclaredSuccesses(responses, handler);
            documentTotalCount(responses, handler);
            for (Map.Entry<Integer, List<Code>> e : codesOf(handler).entrySet()) {
                responses.addApiResponse(String.valueOf(e.getKey()), response(e.getKey(), e.getValue()));
            }
            operation.setResponses(responses);
            return operation;
        };
    }

    /** The codes an operation may answer, by status: the common ones and those of its {@link ApiRefusals}. */
    static Map<Integer, List<Code>> codesOf(HandlerMethod handler) {
        Map<Integer, List<Code>> byStatus = new TreeMap<>();
        boolean namesAResource = Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(PathVariable.class)
                || p.hasParameterAnnotation(RequestBody.class) && namesIds(p.getParameterType()));
        List<Code> codes = new ArrayList<>();
        // every operation: a query parameter it does not take, given twice, or not written as its type is refused (StrictQueryParameters)
        codes.add(new Code(400, "invalid_request", "Invalid request (the field is named in `field`, all of them in `errors`; "
                + "a query parameter the operation does not take, one given twice, and a value not written exactly as its type "
                + "(true or false, digits, a canonical UUID, an enum name) are refused too)"));
        codes.add(new Code(401, "unauthorized", "Not signed in: no, an unknown or a revoked API token"));
        codes.add(new Code(403, "forbidden", "Not allowed for the caller's role"));
        if (namesAResource) {
            codes.add(new Code(404, "not_found", "Not found, or in another district (ids cannot be probed)"));
        }
        codes.add(new Code(500, "internal_error", "A bug: the answer carries a correlation id that is also in the log"));
        ApiRefusals declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ApiRefusals.class);
        if (declared != null) {
            for (Class<?> type : declared.value()) {
                codes.addAll(codesOf(type));
            }
            for (String also : declared.also()) {
                String[] parts = also.split(":", 2);
                codes.add(new Code(Integer.parseInt(parts[0]), parts[1], HttpStatus.valueOf(Integer.parseInt(parts[0])).getReasonPhrase()));
            }
        }
        for (Code c : codes) {
            List<Code> same = byStatus.computeIfAbsent(c.status(), s -> new ArrayList<>());
            if (same.stream().noneMatch(x -> x.code().equals(c.code()))) {
                same.add(c);
            }
        }
        return byStatus;
    }

    /**
     * Whether a request body names other resources by id (a record component or field ending in {@code Id} or {@code Ids},
     * such as {@code userId} or {@code teacherIds}): such an id may not exist or be in another district, so 404.
     */
    static boolean namesIds(Class<?> body) {
        if (body.isRecord()) {
            return Arrays.stream(body.getRecordComponents()).anyMatch(c -> c.getName().endsWith("Id") || c.getName().endsWith("Ids"));
        }
        return Arrays.stream(body.getDeclaredFields()).anyMatch(f -> f.getName().endsWith("Id") || f.getName().endsWith("Ids"));
    }

    /**
     * The codes of a refusal type: a record is asked for its code, status and title (built with empty components: these
     * three do not depend on them); a sealed interface for those of each permitted type.
     */
    static List<Code> codesOf(Class<?> type) {
        if (type.isSealed()) {
            List<Code> all = new ArrayList<>();
            for (Class<?> sub : type.getPermittedSubclasses()) {
                all.addAll(codesOf(sub));
            }
            return all;
        }
        if (!type.isRecord() || !BusinessRefusal.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type + " is not a refusal record or a sealed interface of them");
        }
        try {
            RecordComponent[] parts = type.getRecordComponents();
            Class<?>[] types = Arrays.stream(parts).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> make = type.getDeclaredConstructor(types);
            make.setAccessible(true);
            Object[] args = Arrays.stream(types).map(OpenApiConfig::empty).toArray();
            BusinessRefusal r = (BusinessRefusal) make.newInstance(args);
            String title;
            try {
                title = r.title();
            } catch (RuntimeException e) {
                title = HttpStatus.valueOf(r.status()).getReasonPhrase();
            }
            return List.of(new Code(r.status(), r.code(), title));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the code of " + type, e);
        }
    }

    /** An empty value of a record component's type (the box of a primitive, an empty collection, null otherwise). */
    private static Object empty(Class<?> t) {
        Map<Class<?>, Object> primitives = Map.of(int.class, 0, long.class, 0L, short.class, (short) 0, byte.class, (byte) 0,
                boolean.class, false, double.class, 0d, float.class, 0f, char.class, ' ');
        if (t.isPrimitive()) {
            return primitives.get(t);
        }
        if (t == String.class) {
            return "";
        }
        if (List.class.isAssignableFrom(t)) {
            return List.of();
        }
        if (Set.class.isAssignableFrom(t)) {
            return Set.of();
        }
        if (Map.class.isAssignableFrom(t)) {
            return Map.of();
        }
        return null;
    }

    /** When the controller declares its 2xx answers (@ApiResponse), the default 200 springdoc adds is not one of them. */
    private static void keepOnlyDeclaredSuccesses(ApiResponses responses, HandlerMethod handler) {
        // the annotation, not the model of the same simple name imported above
        Set<String> declared = AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                        io.swagger.v3.oas.annotations.responses.ApiResponse.class).stream()
                .map(io.swagger.v3.oas.annotations.responses.ApiResponse::responseCode).collect(Collectors.toSet());
        if (declared.stream().anyMatch(c -> c.startsWith("2"))) {
            responses.keySet().removeIf(c -> c.startsWith("2") && !declared.contains(c));
        }
    }

    /** A list that pages ({@code limit} and {@code offset}) gives its total in {@code X-Total-Count}. */
    private static void documentTotalCount(ApiResponses responses, HandlerMethod handler) {
        boolean paged = Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(RequestParam.class) && "limit".equals(p.getParameterName()));
        ApiResponse ok = responses.get("200");
        boolean keyset = Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(RequestParam.class) && "after".equals(p.getParameterName()));
        if (paged && ok != null && keyset) {
            // keyset-paged lists: one answer for all (docs/design.md "Paged lists: one cursor, one answer")
            ok.addHeaderObject("X-Total-Count", new Header().description(PagedLists.TOTAL).schema(new IntegerSchema().format("int64")));
            ok.addHeaderObject("X-Total-Count-Exceeds", new Header().description(PagedLists.EXCEEDS)
                    .schema(new IntegerSchema().format("int64")));
            ok.addHeaderObject("Link", new Header().description(PagedLists.LINK).schema(new StringSchema()));
            ok.addHeaderObject("X-Next-Cursor", new Header().description(PagedLists.NEXT).schema(new StringSchema()));
        } else if (paged && ok != null) {
            ok.addHeaderObject("X-Total-Count", new Header()
                    .description("the number of rows of the whole list, whatever limit and offset say")
                    .schema(new IntegerSchema().format("int64")));
        }
    }

    private static ApiResponse response(int status, List<Code> codes) {
        String description = HttpStatus.valueOf(status).getReasonPhrase() + ": " + codes.stream()
                .map(c -> "`" + c.code() + "` (" + c.title() + ")").collect(Collectors.joining(", "));
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        Map<String, Example> examples = new LinkedHashMap<>();
        for (Code c : codes) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "https://seatkeeper.example/problems/" + c.code().replace('_', '-'));
            body.put("title", c.title());
            body.put("status", status);
            body.put("detail", "What went wrong and what to do next, for a person.");
            body.put("code", c.code());
            examples.put(c.code(), new Example().summary(c.title()).value(body));
        }
        media.setExamples(examples);
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, media));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema s = new ObjectSchema();
        s.description("An RFC 9457 problem detail with a stable machine-readable `code`. Refusals may add members (for "
                + "`no_licenses_available`: seats, assigned, available, needed, nextSteps; for `invalid_request`: field, errors).");
        s.addProperty("type", new StringSchema().format("uri").example("https://seatkeeper.example/problems/no-licenses-available"));
        s.addProperty("title", new StringSchema().example("No licenses available"));
        s.addProperty("status", new IntegerSchema().example(409));
        s.addProperty("detail", new StringSchema().description("what went wrong and what to do next, for a person"));
        s.addProperty("instance", new StringSchema().format("uri-reference"));
        s.addProperty("code", new StringSchema().description("stable, machine-readable; listed per response of each operation")
                .example("no_licenses_available"));
        s.required(List.of("title", "status", "code"));
        s.additionalProperties(true);
        return s;
    }
}
