package com.seatkeeper.console.imports;

import com.seatkeeper.bulkimport.Imports;
import com.seatkeeper.bulkimport.UploadedFile;
import com.seatkeeper.console.ConsoleFormat;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.ListParams;
import com.seatkeeper.console.Pager;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.roster.ClassEditing;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The Upload page {@code /console/imports}: the upload form (files or a zip, preview first by default), the template CSV
 * download and the district's runs, newest first. A district admin works on their own district; the vendor admin names
 * one ({@code ?district=}). Who may upload, and where, is {@link RosterChanges}' rule (403 for other roles, 404 for
 * another district); a Clever or ClassLink district gets an explanation instead of the form.
 */
@Controller
class ImportsController {
    static final int RUNS_PER_PAGE = 20;
    /** The deepest offset of the run history an address may name (a district's uploads and syncs of many years). */
    static final int MAX_OFFSET = 10_000;
    private static final String WHAT_TO_DO_WHEN_LARGE = "Upload the files as one zip (CSV compresses well), or split a delta into "
            + "several uploads.";

    /**
     * One run in the history table.
     *
     * @param besides people reactivated, matched by email and skipped, where the run has them (see {@link RunPage#peopleBesides})
     */
    record HistoryRow(SyncRunId id, String started, String requestedBy, String status, String statusClass, String added,
                      String updated, String removed, String besides) {
        static HistoryRow of(ImportReport r, String started) {
            ImportReport.UserCounts u = (r.counts() == null ? ImportReport.Counts.NONE : r.counts()).users();
            return new HistoryRow(r.id(), started, r.requestedBy(), RunPage.status(r.status()),
                    r.status().name().toLowerCase(Locale.ROOT), RunPage.number(u.added()), RunPage.number(u.updated()),
                    RunPage.number(u.removed()), RunPage.peopleBesides(u));
        }
    }
    private final Imports imports;
    private final RosterChanges changes;
    private final Districts districts;
    private final ConsoleFormat fmt;
    /** The form's parts that are not files: its CSRF token and the preview choice. */
    static final int FORM_FIELDS = 2;
    private final long maxUploadBytes;
    private final int maxFiles;

    ImportsController(Imports imports, RosterChanges changes, Districts districts, ConsoleFormat fmt,
                      @Value("${seatkeeper.imports.max-upload-bytes:1GB}") DataSize maxUpload,
                      @Value("${server.tomcat.max-part-count:50}") int maxParts) {
        this.imports = imports;
        this.changes = changes;
        this.districts = districts;
        this.fmt = fmt;
        this.maxUploadBytes = maxUpload.toBytes();
        this.maxFiles = Math.max(1, maxParts - FORM_FIELDS);
    }

    @GetMapping("/console/imports")
    String page(Actor actor, @RequestParam(required = false) DistrictId district, @RequestParam(required = false) String offset,
                @RequestParam(required = false) String tooLarge, @RequestParam(required = false) String refused, Model model) {
        UploadForm form = new UploadForm();
        form.setDistrict(district);
        model.addAttribute("form", form);
        ListParams.Skip skip = ListParams.skip(offset, MAX_OFFSET, "Use Older to page back through the uploads.");
        if (skip.problem() != null) {
            model.addAttribute("flash", Flash.error(skip.problem()));
        }
        refusedMessage(tooLarge, refused).ifPresent(m -> model.addAttribute("flash", Flash.error("Nothing was uploaded.", m)));
        return page(actor, form, skip.rows(), model);
    }

    /**
     * Why {@link UploadTooLarge} sent the page back, in words; empty for values it never sends (a size within the limit, a
     * malformed one, an unknown reason), which an address typed by hand may carry.
     */
    Optional<String> refusedMessage(String tooLarge, String refused) {
        if (tooLarge != null && tooLarge.matches("[0-9]{1,18}") && Long.parseLong(tooLarge) > maxUploadBytes) {
            return Optional.of(tooLargeMessage(Long.parseLong(tooLarge)));
        }
        return UploadTooLarge.Refused.of(refused).map(r -> switch (r) {
            case TOO_LARGE -> "The upload is larger than the " + size(maxUploadBytes) + " this page accepts. " + WHAT_TO_DO_WHEN_LARGE;
            case TOO_MANY_FILES -> "The upload has more files than the " + maxFiles + " this page takes at once. Put the files in one "
                    + "zip and upload that.";
        });
    }

    /** Stores the parts on disk, starts the run and shows its page; a refusal is shown next to the form. */
    @PostMapping("/console/imports")
    String upload(Actor actor, @ModelAttribute("form") UploadForm form, BindingResult binding, Model model) {
        if (binding.hasFieldErrors("district")) {
            throw new NotFoundException("district", binding.getFieldError("district").getRejectedValue()); // as ?district= on the page
        }
        DistrictId district = districtOf(actor, form);
        List<MultipartFile> chosen = form.chosen();
        if (chosen.isEmpty() && !binding.hasErrors()) {
            binding.rejectValue("file", "required", "Choose the files to upload: a zip, the CSV files of a OneRoster export, "
                    + "or the template CSV.");
        }
        if (binding.hasErrors() || district == null) {
            model.addAttribute("flash", Forms.flash(binding));
            return page(actor, form, 0, model);
        }
        List<UploadedFile> files = StoredUpload.store(chosen);
        boolean begun = false;
        try {
            Outcome<SyncRunId> run = imports.begin(actor, district, files, form.isDryRun());
            if (run instanceof Outcome.Refused<SyncRunId> refused) {
                Forms.refuse(binding, refused.refusal());
                model.addAttribute("flash", Forms.flash(binding));
                return page(actor, form, 0, model);
            }
            begun = true;
            return "redirect:/console/imports/" + run.value();
        } finally {
            if (!begun) {
                StoredUpload.delete(files);
            }
        }
    }

    /** The template CSV with a filled example, as a download. */
    @GetMapping("/console/imports/template.csv")
    void template(HttpServletResponse response) {
        byte[] csv = imports.templateCsv().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"seatkeeper-roster-template.csv\"");
        response.setContentLength(csv.length);
        try {
            response.getOutputStream().write(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String page(Actor actor, UploadForm form, int from, Model model) {
        DistrictId district = districtOf(actor, form);
        model.addAttribute("maxUploadBytes", maxUploadBytes);
        model.addAttribute("maxUpload", size(maxUploadBytes));
        model.addAttribute("maxFiles", maxFiles);
        if (district == null) {
            return "imports/upload"; // the vendor admin has not chosen a district
        }
        Page<ImportReport> runs = changes.runs(actor, district, new PageRequest(RUNS_PER_PAGE, from));
        District d = districts.get(actor, district);
        model.addAttribute("district", d);
        model.addAttribute("readOnly", d.rosteringSource().isReadOnlyRoster() ? ClassEditing.sourceName(d) : null);
        model.addAttribute("runs", runs.items().stream().map(r -> HistoryRow.of(r, fmt.time(r.startedAt(), d.timezone()))).toList());
        model.addAttribute("zone", d.timezone());
        model.addAttribute("pager", Pager.of("/console/imports", Pager.query("district", actor.isVendor() ? district.toString() : null),
                from, RUNS_PER_PAGE, runs.items().size(), runs.total()).labelled("Newer", "Older"));
        return "imports/upload";
    }

    /** The named district (404 when the actor may not see it, never their own instead), else the actor's own. */
    private static DistrictId districtOf(Actor actor, UploadForm form) {
        return actor.districtNamed(form.getDistrict());
    }

    /** The message for an upload over the limit: its size, the limit and what to do. */
    String tooLargeMessage(long declared) {
        return "The upload (" + size(declared) + ") is larger than the " + size(maxUploadBytes) + " this page accepts. "
                + WHAT_TO_DO_WHEN_LARGE;
    }

    /** "1.5 GB", "300 KB", "12 bytes" (1,024-based units). */
    static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.US, "%.1f", v))
                + " " + units[u];
    }
}
