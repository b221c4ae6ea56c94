package com.seatkeeper.console.imports;

import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Htmx;
import com.seatkeeper.console.Pager;
import com.seatkeeper.console.licenses.Csv;
import com.seatkeeper.district.Districts;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.Outcome;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BiFunction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One run's page {@code /console/imports/{runId}}: while RUNNING its phase and rows read (htmx polls
 * {@code /progress} every second and reloads the page when the run ends), then its report (counts, seat impact,
 * problems paged and downloadable as CSV) and the actions its status allows: Apply a clean preview, Confirm or Discard a
 * held run. Refusals (a stale preview, another run in progress) come back inline with the service's detail. A run of
 * another district is 404 ({@link RosterChanges#run}).
 */
@Controller
class RunController {
    private final RosterChanges changes;
    private final Districts districts;

    RunController(RosterChanges changes, Districts districts) {
        this.changes = changes;
        this.districts = districts;
    }

    @GetMapping("/console/imports/{runId}")
    String run(Actor actor, @PathVariable SyncRunId runId, @RequestParam(required = false) Integer offset, Model model) {
        ImportReport report = changes.run(actor, runId);
        RunPage page = RunPage.of(report, offset == null ? 0 : offset);
        model.addAttribute("run", page);
        model.addAttribute("zone", districts.get(actor, report.districtId()).timezone());
        model.addAttribute("back", actor.isVendor() ? "/console/imports?district=" + report.districtId() : "/console/imports");
        int from = offset == null ? 0 : Math.max(0, offset);
        model.addAttribute("pager", Pager.of("/console/imports/" + runId, Pager.query(), from, RunPage.PROBLEMS_PER_PAGE,
                page.problems().size(), report.problems() == null ? 0 : report.problems().size()));
        return "imports/run";
    }

    /** The progress fragment for htmx; once the run has ended, {@code HX-Refresh} makes htmx load the whole page (the report). */
    @GetMapping("/console/imports/{runId}/progress")
    String progress(Actor actor, @PathVariable SyncRunId runId, Htmx htmx, Model model, HttpServletResponse response) {
        ImportReport report = changes.progress(actor, runId);
        if (report.status() != RunStatus.RUNNING) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("run", RunPage.of(report, 0));
        return htmx.request() ? "imports/run :: progress" : "redirect:/console/imports/" + runId;
    }

    /** The listed problems as CSV (RFC 4180, every field quoted, formulas neutralized), with a last line for those omitted. */
    @GetMapping("/console/imports/{runId}/problems.csv")
    void problemsCsv(Actor actor, @PathVariable SyncRunId runId, HttpServletResponse response) throws IOException {
        ImportReport report = changes.run(actor, runId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"upload-" + runId + "-problems.csv\"");
        PrintWriter out = response.getWriter();
        out.print(Csv.row("File", "Line", "Column", "Severity", "Code", "Message"));
        for (Problem p : report.problems()) {
            out.print(Csv.row(p.file(), p.line() == null ? "" : p.line().toString(), p.column(), p.severity().name(), p.code(),
                    p.message()));
        }
        if (report.problemsOmitted() > 0) {
            out.print(Csv.row("", "", "", "", "more_problems", RunPage.number(report.problemsOmitted())
                    + " more problems were found but not listed. Fix these and upload again to see them."));
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

    /** Runs an action on the run; shows the resulting run (its status says what happened) or the refusal on this run's page. */
    private static String act(Actor actor, SyncRunId runId, BiFunction<Actor, SyncRunId, Outcome<ImportReport>> action,
                              RedirectAttributes redirect) {
        Outcome<ImportReport> outcome = action.apply(actor, runId);
        if (outcome instanceof Outcome.Refused<ImportReport> refused) {
            redirect.addFlashAttribute("flash", Flash.notChanged(refused.refusal()));
            return "redirect:/console/imports/" + runId;
        }
        return "redirect:/console/imports/" + outcome.value().id();
    }
}
