package com.seatkeeper.console.classes;

import com.seatkeeper.console.ConsoleWords;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.Htmx;
import com.seatkeeper.licensing.AssignOutcome;
import com.seatkeeper.licensing.BulkMode;
import com.seatkeeper.licensing.BulkResult;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * A class page of My Classes &amp; Students: its students with their license status per product,
 * and assigning or unassigning a product for one student, selected students or the whole class,
 * with a seat-impact preview before anything changes. htmx requests get page fragments; the same
 * URLs render the whole page for a plain form post.
 */
@Controller
class ClassLicensesController {
    private final ClassPage pages;
    private final Licensing licensing;
    private final int mostAtOnce;

    /**
     * {@code maxParameterCount}: Tomcat's limit of query parameters and form fields per request
     * ({@code server.tomcat.max-parameter-count}); a confirmation posts one field per student, so it offers at most
     * {@link #mostAtOnce} of them.
     */
    ClassLicensesController(ClassPage pages, Licensing licensing, @Value("${server.tomcat.max-parameter-count:1000}") int maxParameterCount) {
        this.pages = pages;
        this.licensing = licensing;
        this.mostAtOnce = mostAtOnce(maxParameterCount);
    }

    /**
     * How many students one confirmation may post: the server's parameter limit less room for the form's other fields
     * (product, mode, CSRF token and a few to spare); no limit when the server has none (-1).
     */
    static int mostAtOnce(int maxParameterCount) {
        return maxParameterCount < 0 ? Integer.MAX_VALUE : Math.max(1, maxParameterCount - 10);
    }

    /** What confirming would do, shown before anything changes. */
    record Preview(String action, String poolId, String label, int selected, List<String> ids, int already, int elsewhere,
                   int inactive, int needs, int available) {
        public int shortBy() {
            return Math.max(0, needs - available);
        }
    }

    /** What happened. kind: ok, warn or error; nextSteps: show how to free or get more licenses. */
    record Result(String kind, String message, String detail, List<String> leftWithout, List<String> refused, boolean nextSteps) {}

    @GetMapping("/classes/{classId}")
    String page(Actor actor, @PathVariable ClassId classId, Model model) {
        model.addAttribute("page", pages.load(actor, classId));
        model.addAttribute("teacher", actor.role() == ActorRole.TEACHER);
        return "classes/class";
    }

    @PostMapping("/classes/{classId}/licenses/preview")
    String preview(Actor actor, @PathVariable ClassId classId, @ModelAttribute("licenseForm") LicenseActionForm form, BindingResult binding,
                   Htmx htmx, Model model) {
        ClassPage.View page = pages.load(actor, classId);
        model.addAttribute("page", page);
        model.addAttribute("teacher", actor.role() == ActorRole.TEACHER);
        ClassPage.PoolColumn pool = form.getPoolId() == null ? null : page.pool(form.getPoolId().toString());
        List<RosterUser> targets = targets(page, form.getWho(), form.students());
        String action = form.getAction();
        if (binding.hasErrors()) {
            model.addAttribute("result", refused(binding));
        } else if (pool == null) {
            model.addAttribute("result", info("Choose a product first."));
        } else if (targets.isEmpty()) {
            model.addAttribute("result", info("Select at least one student, or choose “Whole class”."));
        } else if ("unassign".equals(action)) {
            List<String> holders = targets.stream().filter(u -> page.holds(u.id(), pool)).map(u -> u.id().toString()).toList();
            offer(model, new Preview("unassign", pool.id(), pool.label(), targets.size(), holders, holders.size(), 0, 0, 0,
                    pool.available()));
        } else {
            int already = 0, elsewhere = 0, inactive = 0;
            List<String> ids = new ArrayList<>();
            for (RosterUser u : targets) {
                if (page.holds(u.id(), pool)) {
                    already++;
                } else if (page.holdsElsewhere(u.id(), pool)) {
                    elsewhere++;
                } else if (!u.isActive()) {
                    inactive++;
                } else {
                    ids.add(u.id().toString());
                }
            }
            offer(model, new Preview("assign", pool.id(), pool.label(), targets.size(), ids, already, elsewhere, inactive, ids.size(),
                    pool.available()));
        }
        return htmx.view("classes/class", "panel");
    }

    /**
     * The preview with its confirmation, or, when the confirmation would post more students than {@link #mostAtOnce}
     * (the server would not read it), what to do instead.
     */
    private void offer(Model model, Preview preview) {
        if (preview.ids().size() <= mostAtOnce) {
            model.addAttribute("preview", preview);
            return;
        }
        String most = String.format(Locale.ROOT, "%,d", mostAtOnce);
        model.addAttribute("result", info("This would " + preview.action() + " " + preview.label() + " for "
                + String.format(Locale.ROOT, "%,d", preview.ids().size()) + " students; the console changes at most " + most
                + " at once. Select up to " + most + " students and repeat, or use a roster upload or the API's bulk assignment "
                + "(up to 10,000 people at once)."));
    }

    @PostMapping("/classes/{classId}/licenses/assign")
    String assign(Actor actor, @PathVariable ClassId classId, @ModelAttribute("licenseForm") LicenseActionForm form, BindingResult binding,
                  Htmx htmx, Model model) {
        ClassPage.View before = pages.load(actor, classId);
        if (binding.hasErrors()) {
            return reload(actor, classId, refused(binding), htmx, model);
        }
        ClassPage.PoolColumn pool = requirePool(before, form.getPoolId());
        List<UserId> students = inClass(before, form.students());
        BulkMode mode = form.getMode();
        Result result;
        if (students.isEmpty()) {
            result = new Result("ok", "Nothing to assign: everyone selected already has " + pool.label() + " or cannot hold it.", null,
                    List.of(), List.of(), false);
        } else {
            BulkResult r = licensing.bulkAssign(actor, pool.pool().id(), students, mode);
            Function<UserId, String> name = names(before);
            if (r.refusal() != null) {
                result = new Result("error", "Nothing was assigned.", ConsoleWords.detail(r.refusal()), List.of(), List.of(), true);
            } else {
                List<String> left = r.lines().stream().filter(l -> l.result() == BulkResult.Result.NOT_ASSIGNED)
                        .map(l -> name.apply(l.userId())).toList();
                List<String> refused = r.lines().stream().filter(l -> l.result() == BulkResult.Result.REFUSED)
                        .map(l -> name.apply(l.userId()) + ": " + ConsoleWords.apiFree(l.detail())).toList();
                long assigned = r.count(BulkResult.Result.ASSIGNED);
                String msg = "Assigned " + pool.label() + " to " + assigned + (assigned == 1 ? " student." : " students.")
                        + " " + r.pool().available() + " of " + r.pool().seats() + " licenses are available now.";
                result = new Result(left.isEmpty() && refused.isEmpty() ? "ok" : "warn", msg, null, left, refused, !left.isEmpty());
            }
        }
        return reload(actor, classId, result, htmx, model);
    }

    @PostMapping("/classes/{classId}/licenses/unassign")
    String unassign(Actor actor, @PathVariable ClassId classId, @ModelAttribute("licenseForm") LicenseActionForm form, BindingResult binding,
                    Htmx htmx, Model model) {
        ClassPage.View before = pages.load(actor, classId);
        if (binding.hasErrors()) {
            return reload(actor, classId, refused(binding), htmx, model);
        }
        ClassPage.PoolColumn pool = requirePool(before, form.getPoolId());
        int freed = 0;
        for (UserId s : inClass(before, form.students())) {
            if (unassignOne(actor, pool.pool().id(), s)) {
                freed++;
            }
        }
        return reload(actor, classId, new Result("ok", "Unassigned " + pool.label() + " from " + freed + (freed == 1 ? " student" : " students")
                + "; " + freed + (freed == 1 ? " license is" : " licenses are") + " available again.", null, List.of(), List.of(), false),
                htmx, model);
    }

    /** One student's button: {@code target=assign:<poolId>:<studentId>} or {@code unassign:...}. */
    @PostMapping("/classes/{classId}/licenses/one")
    String one(Actor actor, @PathVariable ClassId classId, @ModelAttribute("licenseForm") LicenseActionForm form, Htmx htmx, Model model) {
        String[] parts = form.getTarget().split(":");
        if (parts.length != 3) {
            throw new NotFoundException("license action", form.getTarget());
        }
        ClassPage.View before = pages.load(actor, classId);
        ClassPage.PoolColumn pool = requirePool(before, before.pool(parts[1]));
        List<UserId> student = before.people().stream().map(RosterUser::id).filter(id -> id.toString().equals(parts[2])).toList();
        if (student.isEmpty()) {
            throw new NotFoundException("student", parts[2]);
        }
        String name = names(before).apply(student.get(0));
        Result result;
        if ("unassign".equals(parts[0])) {
            boolean done = unassignOne(actor, pool.pool().id(), student.get(0));
            result = new Result("ok", done ? "Unassigned " + pool.label() + " from " + name + "; the license is available again."
                    : name + " did not hold " + pool.label() + ".", null, List.of(), List.of(), false);
        } else {
            AssignOutcome outcome = licensing.assign(actor, pool.pool().id(), student.get(0));
            if (outcome instanceof AssignOutcome.Refused refused) {
                result = new Result("error", name + " did not get " + pool.label() + ".", ConsoleWords.detail(refused.refusal()), List.of(), List.of(),
                        "no_licenses_available".equals(refused.refusal().code()));
            } else {
                result = new Result("ok", "Assigned " + pool.label() + " to " + name + ".", null, List.of(), List.of(), false);
            }
        }
        return reload(actor, classId, result, htmx, model);
    }

    private boolean unassignOne(Actor actor, PoolId pool, UserId student) {
        try {
            licensing.unassign(actor, pool, student);
            return true;
        } catch (NotFoundException e) {
            return false; // did not hold it (any more)
        }
    }

    private String reload(Actor actor, ClassId classId, Result result, Htmx htmx, Model model) {
        model.addAttribute("page", pages.load(actor, classId));
        model.addAttribute("teacher", actor.role() == ActorRole.TEACHER);
        model.addAttribute("result", result);
        return htmx.view("classes/class", "licenses");
    }

    /** A form whose ids or mode did not convert: nothing was done, and which fields to correct. */
    private static Result refused(BindingResult binding) {
        Flash flash = Forms.flash(binding);
        return new Result("error", flash.title(), flash.text(), List.of(), List.of(), false);
    }

    private static Result info(String message) {
        return new Result("warn", message, null, List.of(), List.of(), false);
    }

    private static ClassPage.PoolColumn requirePool(ClassPage.View page, PoolId poolId) {
        return requirePool(page, poolId == null ? null : page.pool(poolId.toString()));
    }

    private static ClassPage.PoolColumn requirePool(ClassPage.View page, ClassPage.PoolColumn pool) {
        if (pool == null) {
            throw new NotFoundException("license pool", "of this class");
        }
        return pool;
    }

    /** The given ids that are students of the class, in class order (others are ignored). */
    private static List<UserId> inClass(ClassPage.View page, List<UserId> ids) {
        Set<UserId> wanted = Set.copyOf(ids);
        return page.people().stream().map(RosterUser::id).filter(wanted::contains).toList();
    }

    private static List<RosterUser> targets(ClassPage.View page, String who, List<UserId> picked) {
        if ("class".equals(who)) {
            return page.people();
        }
        Set<UserId> wanted = Set.copyOf(picked);
        return page.people().stream().filter(u -> wanted.contains(u.id())).toList();
    }

    private static Function<UserId, String> names(ClassPage.View page) {
        Map<UserId, String> byId = page.people().stream().collect(Collectors.toMap(RosterUser::id, RosterUser::displayName));
        return id -> byId.getOrDefault(id, id.toString());
    }
}
