package com.seatkeeper.console.imports;

import com.seatkeeper.console.ConsoleWords;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Htmx;
import com.seatkeeper.console.ListParams;
import com.seatkeeper.console.Pager;
import com.seatkeeper.console.PoolNames;
import com.seatkeeper.console.licenses.Csv;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.ClassEditing;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.Outcome;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One run's page {@code /console/imports/{runId}}, an upload's or a sync's: while QUEUED or RUNNING its phase and rows (or
 * records) read (htmx polls
 * {@code /progress} every second and reloads the page when the run ends), then its report (counts, seat impact,
 * problems paged and downloadable as CSV) and the actions its status allows: Apply a clean preview, Confirm or Discard a
 * held run. Refusals (a stale preview, another run in progress) come back inline with the service's detail. A run of
 * another district is 404 ({@link RosterChanges#run}).
 */
@Controller
class RunController {
    private final RosterChanges changes;
    private final Districts districts;
    private final Licensing licensing;
    private final PoolNames pools;

    RunController(RosterChanges changes, Districts districts, Licensing licensing, PoolNames pools) {
        this.changes = changes;
        this.districts = districts;
        this.licensing = licensing;
        this.pools = pools;
    }

    /** A row of the short pools' table: the pool's label as every page shows it ("Product · School · term"). */
    record ShortPoolRow(String poolId, String label, String seatType, long needed, long available) {}

    @GetMapping("/console/imports/{runId}")
    String run(Actor actor, @PathVariable SyncRunId runId, @RequestParam(required = false) String offset, Model model) {
        ImportReport report = changes.run(actor, runId);
        District district = districts.get(actor, report.districtId());
        int problems = report.problems() == null ? 0 : report.problems().size();
        ListParams.Skip skip = ListParams.skip(offset, Math.max(0, problems - 1), "Download the problems as CSV to see them all.");
        if (skip.problem() != null) {
            model.addAttribute("flash", Flash.error(skip.problem()));
        }
        int from = skip.rows();
        RunPage page = RunPage.of(report, from, ClassEditing.sourceName(district));
        model.addAttribute("run", page);
        model.addAttribute("shortPools", shortPools(actor, report));
        model.addAttribute("zone", district.timezone());
        String back = page.sync() ? "/console/rostering" : "/console/imports";
        model.addAttribute("back", actor.isVendor() ? back + "?district=" + report.districtId() : back);
        model.addAttribute("pager", Pager.of("/console/imports/" + runId, Pager.query(), from, RunPage.PROBLEMS_PER_PAGE,
                page.problems().size(), problems));
        return "imports/run";
    }

    private List<ShortPoolRow> shortPools(Actor actor, ImportReport report) {
        if (report.licenses() == null || report.licenses().shortPools().isEmpty()) {
            return List.of();
        }
        List<LicensePool> district = licensing.pools(actor, report.districtId());
        return report.licenses().shortPools().stream().map(s -> new ShortPoolRow(s.poolId().toString(),
                pools.labelAmong(district, s.poolId(), s.productCode()), s.seatType(), s.needed(), s.available())).toList();
    }

    /** The progress fragment for htmx (a queued sync, a running run); once the run has ended, {@code HX-Refresh} makes htmx load the whole page (the report). */
    @GetMapping("/console/imports/{runId}/progress")
    String progress(Actor actor, @PathVariable SyncRunId runId, Htmx htmx, Model model, HttpServletResponse response) {
        ImportReport report = changes.progress(actor, runId);
        RunPage page = RunPage.of(report, 0, report.trigger() == SyncTrigger.UPLOAD ? null
                : ClassEditing.sourceName(districts.get(actor, report.districtId())));
        if (!page.live()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("run", page);
        return htmx.request() ? "imports/run :: progress" : "redirect:/console/imports/" + runId;
    }

    /** The listed problems as CSV (RFC 4180, every field quoted, formulas neutralized), with a last line for those omitted. */
    @GetMapping("/console/imports/{runId}/problems.csv")
    void problemsCsv(Actor actor, @PathVariable SyncRunId runId, HttpServletResponse response) throws IOException {
        ImportReport report = changes.run(actor, runId);
        response.setContentType("text/csv;charset=UTF-8");
        String name = report.trigger() == SyncTrigger.UPLOAD ? "upload-" : "sync-";
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + runId + "-problems.csv\"");
        PrintWriter out = response.getWriter();
        out.print(Csv.row("File", "Line", "Column", "Severity", "Code", "Message"));
        for (Problem p : report.problems()) {
            out.print(Csv.row(p.file(), p.line() == null ? "" : p.line().toString(), p.column(), p.severity().name(), p.code(),
                    RunPage.message(p)));
        }
        if (report.problemsOmitted() > 0) {
            out.print(Csv.row("", "", "", "", "more_problems", RunPage.number(report.problemsOmitted())
                    + " more problems were found but not listed. Fix these and " + (report.trigger() == SyncTrigger.UPLOAD
                    ? "upload again" : "sync again") + " to see them."));
        }
        out.flush();
    }

    @PostMapping("/console/imports/{runId}/apply")
    String apply(Actor actor, @PathVariable SyncRunId runId, RedirectAttributes redirect) {
        return act(actor, runId, changes::applyPreview, redirect);
    }

    @PostMapping("/console/imports/{runId}/confirm")
    String confirm(Actor actor, @PathVariable SyncRunId runId, RedirectAttributes redirect) {
        return act(actor, runId, changes::confirm, redirect);
    }

    @PostMapping("/console/imports/{runId}/discard")
    String discard(Actor actor, @PathVariable SyncRunId runId, RedirectAttributes redirect) {
        return act(actor, runId, changes::discard, redirect);
    }

    /**
     * Runs an action on the run; shows the resulting run (its status says what happened) or the refusal on this run's page.
     * A refusal of the caller's role is the designed 403 page at once, as every console form answers it (a redirect would
     * only lead to the same refusal).
     */
    private static String act(Actor actor, SyncRunId runId, BiFunction<Actor, SyncRunId, Outcome<ImportReport>> action,
                              RedirectAttributes redirect) {
        Outcome<ImportReport> outcome = action.apply(actor, runId);
        if (outcome instanceof Outcome.Refused<ImportReport> refused && refused.refusal().status() == 403) {
            throw new ForbiddenException(ConsoleWords.detail(refused.refusal()));
        }
        if (outcome instanceof Outcome.Refused<ImportReport> refused) {
            redirect.addFlashAttribute("flash", Flash.notChanged(refused.refusal()));
            return "redirect:/console/imports/" + runId;
        }
        return "redirect:/console/imports/" + outcome.value().id();
    }
}
