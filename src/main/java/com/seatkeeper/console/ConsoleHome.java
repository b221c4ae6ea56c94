package com.seatkeeper.console;

import com.seatkeeper.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ConsoleHome {

    /** Each role starts where its work is. */
    @GetMapping("/")
    String home(Actor actor) {
        return switch (actor.role()) {
            case VENDOR_ADMIN -> "redirect:/vendor";
            case DISTRICT_ADMIN, SCHOOL_ADMIN -> "redirect:/licenses";
            case TEACHER -> "redirect:/classes";
            default -> "redirect:/me";
        };
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
