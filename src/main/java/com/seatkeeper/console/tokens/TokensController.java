package com.seatkeeper.console.tokens;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.district.Districts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.Ids;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * API tokens of the signed-in district admin's district ({@code /tokens}): the list (name, acts as, created when and by
 * whom, revoked), a new token acting as the admin (its secret shown on the answer page once, never stored in the session),
 * and revocation after a confirmation page. Anyone else gets the designed 403 page from {@link Accounts}' role checks; a
 * token of another district is 404.
 */
@Controller
class TokensController {
    private final Accounts accounts;
    private final Districts districts;

    TokensController(Accounts accounts, Districts districts) {
        this.accounts = accounts;
        this.districts = districts;
    }

    @GetMapping("/tokens")
    String list(Actor actor, Model model) {
        model.addAttribute("form", new TokenForm());
        return page(actor, model);
    }

    /** Creates a token; the answer page shows its secret once (no redirect, so the secret never enters the session). */
    @PostMapping("/tokens")
    String create(Actor actor, @ModelAttribute("form") TokenForm form, BindingResult binding, Model model,
                  HttpServletResponse response) {
        try {
            Accounts.IssuedToken issued = accounts.issueOwnToken(actor, form.getName());
            model.addAttribute("issued", issued);
            model.addAttribute("issuedName", form.getName().strip());
            model.addAttribute("apiBase", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
            model.addAttribute("form", new TokenForm());
            response.setHeader("Cache-Control", "no-store");
        } catch (InvalidRequestException e) {
            Forms.refuse(binding, e);
            model.addAttribute("flash", Forms.flash(binding));
        }
        return page(actor, model);
    }

    /** Asks to confirm a revocation: says which token and that integrations using it stop working at once. */
    @GetMapping("/tokens/{tokenId}/revoke")
    String confirmRevoke(Actor actor, @PathVariable String tokenId, Model model) {
        UUID id = Ids.parse(tokenId, "API token");
        Accounts.TokenInfo token = accounts.districtTokens(actor).stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("API token", id));
        model.addAttribute("token", token);
        return "tokens/revoke";
    }

    @PostMapping("/tokens/{tokenId}/revoke")
    String revoke(Actor actor, @PathVariable String tokenId, RedirectAttributes redirect) {
        UUID id = Ids.parse(tokenId, "API token");
        Accounts.TokenInfo token = accounts.districtTokens(actor).stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("API token", id));
        accounts.revokeToken(actor, id);
        redirect.addFlashAttribute("flash", Flash.ok("Revoked “" + token.name() + "”: it no longer works on the API."));
        return "redirect:/tokens";
    }

    private String page(Actor actor, Model model) {
        model.addAttribute("tokens", accounts.districtTokens(actor));
        model.addAttribute("zone", districts.get(actor, actor.districtId()).timezone());
        return "tokens/list";
    }
}
