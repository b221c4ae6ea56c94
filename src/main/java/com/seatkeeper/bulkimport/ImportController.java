package com.seatkeeper.bulkimport;

import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RunJson;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ByteSizes;
import com.seatkeeper.shared.ApiProblems;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * {@code POST /api/v1/districts/{districtId}/imports?dryRun=true|false} with multipart parts named {@code file} (a
 * OneRoster zip, the OneRoster CSV files, or the template CSV): reads the upload ({@link Imports#importNow}) and answers
 * 200 with the run's report (PREVIEW, APPLIED or HELD) or 422 {@code invalid_upload}, a problem with the same report
 * (REJECTED: nothing changed) as its member {@code report}. Who may upload is checked before the body is read. Each part is copied to a temporary file as it streams in (never held in
 * memory) and deleted afterwards. An upload over {@code seatkeeper.imports.max-upload-bytes} is 413
 * {@code upload_too_large}; more parts than {@code server.tomcat.max-part-count} 400 {@code too_many_files}; a part of
 * another name, or without a filename, 400 {@code invalid_request} naming it (never dropped silently). Also {@code GET /api/v1/imports/template.csv}: the template with a filled example.
 */
@RestController
class ImportController {
    static final String PART = "file";
    private final Imports imports;
    private final long maxUploadBytes;
    private final int maxParts;

    ImportController(Imports imports, @Value("${seatkeeper.imports.max-upload-bytes:1GB}") DataSize maxUpload,
                     @Value("${server.tomcat.max-part-count:50}") int maxParts) {
        this.imports = imports;
        this.maxUploadBytes = maxUpload.toBytes();
        this.maxParts = maxParts;
    }

    /** The multipart body, for the OpenAPI document: one or more files in parts named {@code file}. */
    @Schema(name = "ImportUpload")
    record Upload(@ArraySchema(schema = @Schema(type = "string", format = "binary"), minItems = 1) List<String> file) {}

    /** The 422 problem, for the OpenAPI document: RFC 9457's members and the run's report. */
    @Schema(name = "InvalidUpload")
    record InvalidUpload(String type, String title, int status, String detail, String instance, String code, RunJson report) {}

    @Operation(summary = "Upload a roster (OneRoster 1.1/1.2 CSV zip or files, or the template CSV): preview or apply",
            requestBody = @RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = Upload.class),
                    encoding = @Encoding(name = PART, contentType = "text/csv, application/zip, application/octet-stream"))))
    @ApiResponse(responseCode = "200", description = "the run's report: PREVIEW (dryRun=true), APPLIED, or HELD by the deletion guard",
            content = @Content(schema = @Schema(implementation = RunJson.class)))
    @ApiResponse(responseCode = "422", description = "invalid_upload: the upload has errors and nothing changed; the run's report "
            + "(status REJECTED, its problems with file, line and column) is the member report",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = InvalidUpload.class)))
    @ApiRefusals(also = {"400:too_many_files", "409:roster_read_only", "409:import_in_progress", "413:upload_too_large"})
    @PostMapping("/api/v1/districts/{districtId}/imports")
    ResponseEntity<?> upload(@AuthenticationPrincipal Actor actor, @PathVariable String districtId,
                             @RequestParam(required = false) Boolean dryRun, HttpServletRequest request) throws IOException {
        DistrictId district = DistrictId.of(districtId);
        // who may upload was checked by UploadGate before the body (and dryRun, which Spring reads from it) was read
        if (dryRun == null) {
            throw new InvalidRequestException("dryRun", "dryRun is required: dryRun=true for a preview that changes nothing, "
                    + "dryRun=false to apply.");
        }
        Outcome<ImportReport> outcome = imports.importNow(actor, district, receive(request), dryRun);
        if (outcome instanceof Outcome.Refused<ImportReport> refused) {
            return ApiProblems.of(refused.refusal());
        }
        return answer(outcome.value());
    }

    @ApiResponse(responseCode = "200", description = "the template CSV (UTF-8) with its header and a filled example",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping(value = "/api/v1/imports/template.csv", produces = "text/csv")
    ResponseEntity<String> template(@AuthenticationPrincipal Actor actor) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"seatkeeper-roster-template.csv\"")
                .body(imports.templateCsv(actor));
    }

    private static ResponseEntity<?> answer(ImportReport report) {
        RunJson json = RunJson.of(report);
        if (report.status() != RunStatus.REJECTED) {
            return ResponseEntity.ok(json);
        }
        return ApiProblems.respond(invalidUpload(json));
    }

    /**
     * 422 {@code invalid_upload}: RFC 9457's members (its integer {@code status} among them) and the run's report under
     * the one member {@code report}, so that no member of the report shadows one of the problem.
     */
    static ProblemDetail invalidUpload(RunJson report) {
        ProblemDetail p = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_upload", "The upload has errors",
                "The upload was not applied and nothing was changed. Fix the problems listed in report.problems (file, line, "
                        + "column) and upload again; report.reason says why in one sentence.");
        p.setProperty("report", report);
        return p;
    }

    /** Copies every part named {@code file} to a temporary file, streaming. */
    private List<UploadedFile> receive(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new InvalidRequestException(PART, "Send the files as multipart/form-data, each in a part named file "
                    + "(e.g. curl -F file=@roster.zip).");
        }
        List<UploadedFile> files = new ArrayList<>();
        try {
            Collection<Part> parts = request.getParts();
            for (Part part : parts) {
                if (!PART.equals(part.getName())) {
                    throw new InvalidRequestException(PART, "The part \"" + Text.excerpt(part.getName()) + "\" is not read: send every file in a "
                            + "part named file (e.g. curl -F file=@roster.zip), and nothing else.");
                }
                if (part.getSubmittedFileName() == null || part.getSubmittedFileName().isBlank()) {
                    throw new InvalidRequestException(PART, "A part named file has no filename, so it is not known whether it is "
                            + "a zip or which CSV file it is. Send it as a file (curl -F file=@users.csv, with the @).");
                }
            }
            for (Part part : parts) {
                Path target = Files.createTempFile("seatkeeper-upload-", ".part");
                files.add(new UploadedFile(part.getSubmittedFileName(), target, part.getSize()));
                try (InputStream in = part.getInputStream()) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                part.delete();
            }
        } catch (ServletException e) {
            delete(files);
            throw new InvalidRequestException(PART, "The multipart body could not be read. Send the files as multipart/form-data, "
                    + "each in a part named file.");
        } catch (IllegalStateException e) {
            delete(files);
            if (UploadLimits.classify(e).orElse(null) == UploadLimits.Exceeded.TOO_MANY_FILES) {
                throw new TooManyFiles(e);
            }
            throw new MaxUploadSizeExceededException(maxUploadBytes, e);
        } catch (IOException | RuntimeException e) {
            delete(files);
            throw e;
        }
        if (files.isEmpty()) {
            throw new InvalidRequestException(PART, "The upload has no file: send one or more parts named file (a zip or CSV files).");
        }
        return files;
    }

    private static void delete(List<UploadedFile> files) {
        files.forEach(f -> f.path().toFile().delete());
    }

    /** More parts than Tomcat reads ({@code server.tomcat.max-part-count}). */
    static final class TooManyFiles extends RuntimeException {
        TooManyFiles(Throwable cause) {
            super("too many parts", cause);
        }
    }

    /** 413 {@code upload_too_large}: the upload is over the limit (nothing was read). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        if (UploadLimits.classify(e).orElse(null) == UploadLimits.Exceeded.TOO_MANY_FILES) {
            return ApiProblems.respond(tooManyFilesProblem(maxParts)); // Spring calls every "exceeded" failure a size
        }
        return ApiProblems.respond(tooLargeProblem(maxUploadBytes));
    }

    /** A refusal found before the body was read ({@link UploadGate}). */
    @ExceptionHandler(UploadGate.Refused.class)
    ResponseEntity<ProblemDetail> refusedBeforeReading(UploadGate.Refused e) {
        return ApiProblems.of(e.refusal);
    }

    /** 400 {@code too_many_files}: more parts than Tomcat reads. */
    @ExceptionHandler(TooManyFiles.class)
    ResponseEntity<ProblemDetail> tooManyFiles(TooManyFiles e) {
        return ApiProblems.respond(tooManyFilesProblem(maxParts));
    }

    /** A multipart body Tomcat could not read: by its cause, one of the limits, else 400. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadable(MultipartException e) {
        Optional<UploadLimits.Exceeded> exceeded = UploadLimits.classify(e);
        if (exceeded.isPresent()) {
            return ApiProblems.respond(exceeded.get() == UploadLimits.Exceeded.TOO_MANY_FILES ? tooManyFilesProblem(maxParts)
                    : tooLargeProblem(maxUploadBytes));
        }
        return ApiProblems.respond(ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid upload",
                "The multipart body could not be read. Send the files as multipart/form-data, each in a part named file."));
    }

    /** The problem of an upload of more parts than {@code server.tomcat.max-part-count}. */
    static ProblemDetail tooManyFilesProblem(int maxParts) {
        ProblemDetail p = ApiProblems.problem(HttpStatus.BAD_REQUEST, "too_many_files", "Too many files", "The upload has more "
                + "than " + maxParts + " parts (server.tomcat.max-part-count). Zip the CSV files and upload the one zip.");
        p.setProperty("field", PART);
        return p;
    }

    /** The problem of an upload over the limit, also answered by {@code platform.RequestBodyLimit} from its length. */
    static ProblemDetail tooLargeProblem(long maxUploadBytes) {
        return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "upload_too_large", "Upload too large", "The upload is larger than "
                + ByteSizes.readable(maxUploadBytes) + " (seatkeeper.imports.max-upload-bytes). Zip the CSV files, "
                + "or split the roster: upload one kind of file at a time as delta files.");
    }
}
