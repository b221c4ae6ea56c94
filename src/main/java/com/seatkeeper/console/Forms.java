package com.seatkeeper.console;

import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.FieldRefusals;
import com.seatkeeper.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Puts a service's refusal on the form that asked for it, so the page shows it next to the field:
 * each field of {@link FieldRefusals}, a {@link FieldRefusal}, {@link InvalidRequestException} or other refusal naming a field of the form (a
 * {@code field} property, as a duplicate name's) becomes that field's error (the service's own words, as the API says them), anything else an error of the whole
 * form (its title and detail). The services are the authority on what is refused; the form only shows it.
 */
public final class Forms {
    private Forms() {
    }

    /** Records the refusal on the form; field names are the API's, which the console's forms share. */
    public static void refuse(BindingResult form, BusinessRefusal refusal) {
        refuse(form, refusal, Map.of());
    }

    /**
     * As {@link #refuse(BindingResult, BusinessRefusal)}, with {@code fields} mapping an API field name to the form's
     * where they differ, or a refusal's code to the field it is about ({@code invalid_seats} to {@code seats}, say).
     */
    public static void refuse(BindingResult form, BusinessRefusal refusal, Map<String, String> fields) {
        if (refusal instanceof FieldRefusals all) {
            all.errors().forEach(f -> reject(form, fields.getOrDefault(f.field(), f.field()), f.message()));
        } else if (refusal instanceof FieldRefusal f) {
            reject(form, fields.getOrDefault(f.field(), f.field()), f.message());
        } else if (fields.containsKey(refusal.code())) {
            reject(form, fields.get(refusal.code()), ConsoleWords.detail(refusal));
        } else if (refusal.properties().get("field") instanceof String field) {
            reject(form, fields.getOrDefault(field, field), ConsoleWords.detail(refusal));
        } else {
            form.reject(refusal.code(), refusal.title() + ": " + ConsoleWords.detail(refusal));
        }
    }

    /**
     * A refusal worded for a form: in a {@link FieldRefusal}'s message (each of {@link FieldRefusals}), each API name of {@code labels} (a field such as
     * {@code oneRoster.tokenUrl}, or a value such as {@code OAUTH2}) becomes the form's label for it, as is at the start of a
     * sentence and in quotes within one (a value, written in capitals, as is). Other refusals are as they are.
     */
    public static BusinessRefusal labelled(BusinessRefusal refusal, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return refusal;
        }
        if (refusal instanceof FieldRefusals all) {
            return new FieldRefusals(all.errors().stream().map(f -> new FieldRefusal(f.field(), labelled(f.message(), labels))).toList());
        }
        if (refusal instanceof FieldRefusal f) {
            return new FieldRefusal(f.field(), labelled(f.message(), labels));
        }
        return refusal;
    }

    /** The text with each API name of {@code labels} replaced by its label (longest names first, whole names only). */
    public static String labelled(String text, Map<String, String> labels) {
        String names = labels.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                .collect(Collectors.joining("|"));
        Matcher m = Pattern.compile("(?<![\\w.])(" + names + ")(?![\\w])").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String before = text.substring(0, m.start()).stripTrailing();
            String name = m.group(1);
            boolean bare = before.isEmpty() || before.endsWith(".") || !Character.isLowerCase(name.charAt(0)); // a value: as is
            m.appendReplacement(out, Matcher.quoteReplacement(bare ? labels.get(name) : "“" + labels.get(name) + "”"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Records input the service refused by throwing (the services that return no outcome). */
    public static void refuse(BindingResult form, InvalidRequestException e) {
        reject(form, e.field(), e.getMessage());
    }

    /**
     * The message above a refused form: "Nothing was changed.", the errors of the whole form, and which fields are
     * marked (each field shows its own message next to it).
     */
    public static Flash flash(BindingResult form) {
        return flash(form, Map.of());
    }

    /** As {@link #flash(BindingResult)}, naming the marked fields by their labels ({@code labels}: field name to label). */
    public static Flash flash(BindingResult form, Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        form.getGlobalErrors().forEach(e -> parts.add(e.getDefaultMessage()));
        if (form.getFieldErrors().stream().anyMatch(Forms::staleChoice)) {
            parts.add(STALE_CHOICE);
        }
        List<String> fields = form.getFieldErrors().stream().filter(e -> !staleChoice(e)).map(FieldError::getField).distinct()
                .map(f -> labels.getOrDefault(f, words(f))).toList();
        if (!fields.isEmpty()) {
            parts.add("Correct the marked " + (fields.size() == 1 ? "field" : "fields") + " (" + String.join(", ", fields)
                    + ") and send again.");
        }
        return Flash.error("Nothing was changed.", String.join(" ", parts));
    }

    /** What a form says when a choice it sent (a person, a school: an id the page put there) is not an id at all. */
    static final String STALE_CHOICE = "A choice sent from this page is not one it offers (the page may be out of date). Reload the page and choose again.";

    /**
     * Whether the error is an id the page chose for the user (a hidden field, a radio, a checkbox: {@code userId},
     * {@code schoolIds}) that does not convert: there is no field to correct, so the message names none.
     */
    static boolean staleChoice(FieldError e) {
        String field = e.getField().replaceAll("\\[\\d+]$", "");
        return e.isBindingFailure() && (field.endsWith("Id") || field.endsWith("Ids"));
    }

    /**
     * A form field's name in words, for a field without a label ({@code startsOn} → "starts on"): a console message
     * never shows an API name.
     */
    static String words(String field) {
        return field.replaceAll("\\[\\d+]", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('.', ' ').toLowerCase(java.util.Locale.ROOT);
    }

    private static void reject(BindingResult form, String field, String message) {
        if (field != null && form.getFieldType(field) != null) {
            form.rejectValue(field, "refused", message);
        } else {
            form.reject("refused", message);
        }
    }
}
