package com.seatkeeper.bulkimport;

import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ApiProblems;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.Outcome;
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
import java.util.List;
import java.util.Locale;
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
 * 200 with the run's report (PREVIEW, APPLIED or HELD) or 422 {@code invalid_upload}, a problem whose members are the
 * same report (REJECTED: nothing changed). Each part is copied to a temporary file as it streams in (never held in
 * memory) and deleted afterwards. An upload over {@code seatkeeper.imports.max-upload-bytes} is 413
 * {@code upload_too_large}. Also {@code GET /api/v1/imports/template.csv}: the template with a filled example.
 */
@RestController
class ImportController {
    static final String PART = "file";
    private final Imports imports;
    private final long maxUploadBytes;

    ImportController(Imports imports, @Value("${seatkeeper.imports.max-upload-bytes:1GB}") DataSize maxUpload) {
        this.imports = imports;
        this.maxUploadBytes = maxUpload.toBytes();
    }

    /** The multipart body, for the OpenAPI document: one or more files in parts named {@code file}. */
    @Schema(name = "ImportUpload")
    record Upload(@ArraySchema(schema = @Schema(type = "string", format = "binary"), minItems = 1) List<String> file) {}

    @Operation(summary = "Upload a roster (OneRoster 1.1/1.2 CSV zip or files, or the template CSV): preview or apply",
            requestBody = @RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = Upload.class),
                    encoding = @Encoding(name = PART, contentType = "text/csv, application/zip, application/octet-stream"))))
    @ApiResponse(responseCode = "200", description = "the run's report: PREVIEW (dryRun=true), APPLIED, or HELD by the deletion guard",
            content = @Content(schema = @Schema(implementation = ReportJson.class)))
    @ApiRefusals(also = {"409:roster_read_only", "409:import_in_progress", "413:upload_too_large", "422:invalid_upload"})
    @PostMapping("/api/v1/districts/{districtId}/imports")
    ResponseEntity<?> upload(@AuthenticationPrincipal Actor actor, @PathVariable String districtId,
                             @RequestParam(required = false) Boolean dryRun, HttpServletRequest request) throws IOException {
        DistrictId district = DistrictId.of(districtId);
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
    ResponseEntity<String> template() {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"seatkeeper-roster-template.csv\"")
                .body(imports.templateCsv());
    }

    private static ResponseEntity<?> answer(ImportReport report) {
        ReportJson json = ReportJson.of(report);
        if (report.status() != RunStatus.REJECTED) {
            return ResponseEntity.ok(json);
        }
        ProblemDetail p = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_upload", "The upload has errors",
                "The upload was not applied (nothing changed): " + (report.reason() == null ? "it has errors" : report.reason())
                        + ". Fix the problems listed (file, line, column) and upload again.");
        json.members().forEach(p::setProperty);
        return ApiProblems.respond(p);
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
            for (Part part : request.getParts()) {
                if (!PART.equals(part.getName()) || part.getSubmittedFileName() == null) {
                    continue;
                }
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

    /** 413 {@code upload_too_large}: the upload is over the limit (nothing was read). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return ApiProblems.respond(tooLargeProblem(maxUploadBytes));
    }

    /** A multipart body Tomcat could not read. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadable(MultipartException e) {
        return ApiProblems.respond(ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid upload",
                "The multipart body could not be read. Send the files as multipart/form-data, each in a part named file."));
    }

    /** The problem of an upload over the limit, also answered by {@code platform.RequestBodyLimit} from its length. */
    static ProblemDetail tooLargeProblem(long maxUploadBytes) {
        return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "upload_too_large", "Upload too large", "The upload is larger than "
                + DataSize.ofBytes(maxUploadBytes).toMegabytes() + " MB (seatkeeper.imports.max-upload-bytes). Zip the CSV files, "
                + "or split the roster: upload one kind of file at a time as delta files.");
    }
}
