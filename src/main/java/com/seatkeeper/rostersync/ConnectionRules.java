package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.FieldRefusals;
import com.seatkeeper.shared.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules of {@code PUT .../rostering} as plain functions (no Spring, no database): a change checked against what is
 * stored becomes the connection to store, or {@link FieldRefusals} naming every field that is wrong (API field names,
 * nested as {@code clever.districtToken}), so that a caller corrects them all in one round. Secrets are not encrypted here; a null secret in the result means
 * "keep the stored one".
 */
final class ConnectionRules {
    static final String CLEVER_DEFAULT_BASE_URL = "https://api.clever.com";
    static final LocalTime DEFAULT_NIGHTLY_AT = LocalTime.of(2, 0);
    static final int MAX_URL = 2000;
    static final int MAX_SECRET = 4096;
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    /** Tokens and client secrets are printable ASCII without spaces (Clever tokens are hex; OAuth secrets are ASCII). */
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]+");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private ConnectionRules() {
    }

    /** What is stored now, without secrets: only whether they are there. Null fields when not connected. */
    record Current(RosteringSource source, String cleverBaseUrl, String cleverApiVersion, boolean cleverTokenStored,
                   String oneRosterBaseUrl, String oneRosterVersion, String oneRosterAuth, String oneRosterClientId,
                   String oneRosterTokenUrl, boolean oneRosterSecretStored, LocalTime nightlyAt) {
        static final Current NONE = new Current(null, null, null, false, null, null, null, null, null, false, null);
    }

    /** The connection to store; {@code newSecret} null keeps the stored one. */
    record Plan(RosteringSource source, String cleverBaseUrl, String cleverApiVersion, String oneRosterBaseUrl, String oneRosterVersion,
                String oneRosterAuth, String oneRosterClientId, String oneRosterTokenUrl, String newSecret, LocalTime nightlyAt) {
        @Override
        public String toString() {
            return "Plan[" + source + ", secret " + (newSecret == null ? "kept" : "****") + "]";
        }
    }

    /** Either a plan or the refusal of every wrong field. */
    sealed interface Checked {
        record Ok(Plan plan) implements Checked {}

        record Refused(FieldRefusals refusal) implements Checked {}
    }

    /**
     * Checks a change. {@code pullable}: the sources a connector exists for (a source Seatkeeper cannot pull from yet is
     * refused). Every wrong field is reported at once, in this order: {@code source} (required, CLEVER or CLASSLINK; MANUAL
     * is refused: disconnecting is not offered; a wrong source leaves nothing else to check but {@code nightlyAt}), the
     * source's block, its base URL (https, or http to this machine only; no user, query or fragment), version, secret
     * (required on the first connection, on a change of source and on any change of where or how it is sent,
     * {@link #firstChange}: a stored secret is never sent to a new server or token endpoint), then {@code nightlyAt}
     * ({@code HH:mm}, default the stored one or 02:00). A value the chosen source or auth does not use is refused, never
     * dropped: the other source's block ({@code oneRoster} with CLEVER, {@code clever} with CLASSLINK) and
     * {@code oneRoster.tokenUrl} with {@code OAUTH1}. Refusals are listed in the order of the console's forms.
     */
    static Checked check(RosteringChange change, Current current, Set<RosteringSource> pullable) {
        return check(change, current, pullable, false);
    }

    /**
     * As {@link #check(RosteringChange, Current, Set)}; {@code allowLocal} ({@code seatkeeper.sync.allow-local-providers})
     * also accepts http and hosts that are not public internet addresses ({@link ProviderAddress}), for a stand-in provider.
     */
    static Checked check(RosteringChange change, Current current, Set<RosteringSource> pullable, boolean allowLocal) {
        return check(change, List.of(), current, pullable, allowLocal);
    }

    /**
     * As {@link #check(RosteringChange, Current, Set, boolean)} for a body read from JSON ({@link RosteringJson}):
     * {@code unread} are the members that could not be read (the wrong JSON type, no field of the request), refused with
     * the rules' problems in one answer. A rule's problem with a field that could not be read (or one inside a block that
     * could not be read) is left out: the field's own refusal says what to correct.
     */
    static Checked check(RosteringChange change, List<FieldRefusal> unread, Current current, Set<RosteringSource> pullable,
                         boolean allowLocal) {
        if (unread.stream().anyMatch(u -> u.field().equals("body"))) {
            return refused(unread);
        }
        Checked checked = checkRead(change, current, pullable, allowLocal);
        if (unread.isEmpty()) {
            return checked;
        }
        List<FieldRefusal> all = new ArrayList<>(unread);
        if (checked instanceof Checked.Refused r) {
            r.refusal().errors().stream().filter(e -> unread.stream().noneMatch(u -> e.field().equals(u.field())
                    || e.field().startsWith(u.field() + "."))).forEach(all::add);
        }
        return refused(all);
    }

    private static Checked checkRead(RosteringChange change, Current current, Set<RosteringSource> pullable, boolean allowLocal) {
        if (change == null) {
            return refused(List.of(new FieldRefusal("source", "The body is required: {source: \"CLEVER\", clever: {districtToken}, "
                    + "nightlyAt: \"02:00\"}.")));
        }
        Optional<FieldRefusal> nightly = nightlyAt(change.nightlyAt());
        Optional<RosteringSource> source = source(change.source(), pullable);
        if (source.isEmpty()) {
            return refused(Stream.concat(sourceProblem(change.source(), pullable).stream(), nightly.stream()).toList());
        }
        LocalTime at = nightly.isPresent() ? null : change.nightlyAt() == null
                ? (current.nightlyAt() == null ? DEFAULT_NIGHTLY_AT : current.nightlyAt()) : LocalTime.parse(change.nightlyAt());
        // the block of the other source would be dropped: refused, never ignored
        List<FieldRefusal> also = Stream.concat(otherBlock(change, source.get()).stream(), nightly.stream()).toList();
        return source.get() == RosteringSource.CLEVER ? clever(change.clever(), current, at, also, allowLocal)
                : oneRoster(change.oneRoster(), current, at, also, allowLocal);
    }

    /** The source a change names, when it is one Seatkeeper can pull from ({@code pullable}). */
    private static Optional<RosteringSource> source(String raw, Set<RosteringSource> pullable) {
        RosteringSource s = switch (raw == null ? "" : raw.strip()) {
            case "CLEVER" -> RosteringSource.CLEVER;
            case "CLASSLINK" -> RosteringSource.CLASSLINK;
            default -> null;
        };
        return Optional.ofNullable(s).filter(pullable::contains);
    }

    /** Why a change's source cannot be connected (only asked when {@link #source} found none). */
    private static Optional<FieldRefusal> sourceProblem(String raw, Set<RosteringSource> pullable) {
        String source = raw == null ? "" : raw.strip();
        String message = switch (source) {
            case "MANUAL" -> "Disconnecting a district from its rostering source is not offered: its roster would be left without an "
                    + "owner. Ask support if the district leaves Clever or ClassLink.";
            case "" -> "source is required: CLEVER or CLASSLINK.";
            case "CLEVER", "CLASSLINK" -> {
                String name = name(RosteringSource.valueOf(source));
                yield "Seatkeeper cannot pull rosters from " + name + " yet: connect the district to Clever, or keep its roster up "
                        + "to date with uploads until " + name + " is offered.";
            }
            default -> "source '" + printable(source) + "' is not a rostering source: use CLEVER or CLASSLINK.";
        };
        return Optional.of(new FieldRefusal("source", message));
    }

    /**
     * The refusal of the block of the source not chosen ({@code oneRoster} with CLEVER, {@code clever} with CLASSLINK):
     * it would not be stored, and a value given is never dropped in silence.
     */
    private static Optional<FieldRefusal> otherBlock(RosteringChange change, RosteringSource source) {
        if (source == RosteringSource.CLEVER && change.oneRoster() != null) {
            return Optional.of(new FieldRefusal("oneRoster", "oneRoster is only for source CLASSLINK: leave it out with source CLEVER "
                    + "(the clever block is used), or set source to CLASSLINK."));
        }
        if (source == RosteringSource.CLASSLINK && change.clever() != null) {
            return Optional.of(new FieldRefusal("clever", "clever is only for source CLEVER: leave it out with source CLASSLINK (the "
                    + "oneRoster block is used), or set source to CLEVER."));
        }
        return Optional.empty();
    }

    private static Checked clever(RosteringChange.Clever c, Current current, LocalTime at, List<FieldRefusal> also,
                                  boolean allowLocal) {
        if (c == null) {
            return refused(Stream.concat(Stream.of(new FieldRefusal("clever", "clever is required for source CLEVER: {baseUrl (default "
                    + CLEVER_DEFAULT_BASE_URL + "), districtToken, apiVersion (3.0 or 3.1)}.")), also.stream()).toList());
        }
        List<FieldRefusal> wrong = new ArrayList<>();
        boolean same = current.source() == RosteringSource.CLEVER;
        String baseUrl = c.baseUrl() == null ? (same ? current.cleverBaseUrl() : CLEVER_DEFAULT_BASE_URL) : c.baseUrl().strip();
        Optional<FieldRefusal> url = url("clever.baseUrl", baseUrl, allowLocal);
        if (url.isEmpty()) {
            baseUrl = normalized(trimSlash(baseUrl));
            if (baseUrl.matches("(?i).*/v[0-9]+(\\.[0-9]+)?")) {
                url = Optional.of(new FieldRefusal("clever.baseUrl", "clever.baseUrl is the API root without its version (e.g. "
                        + CLEVER_DEFAULT_BASE_URL + "): Seatkeeper adds /v3.0 or /v3.1 from apiVersion."));
            }
        }
        url.ifPresent(wrong::add);
        String version = c.apiVersion() == null ? (same && current.cleverApiVersion() != null ? current.cleverApiVersion() : "3.0")
                : c.apiVersion().strip();
        boolean knownVersion = version.equals("3.0") || version.equals("3.1");
        if (!knownVersion) {
            wrong.add(new FieldRefusal("clever.apiVersion", "clever.apiVersion '" + printable(version)
                    + "' is not one Seatkeeper reads: use 3.0 or 3.1."));
        }
        // where the token would go is only compared once it is a valid address and version
        Optional<String> changed = !same || !current.cleverTokenStored() ? Optional.of("source")
                : url.isPresent() || !knownVersion ? Optional.empty()
                : firstChange(List.of(
                        new Sent("clever.baseUrl", origin(current.cleverBaseUrl()), origin(baseUrl)),
                        new Sent("clever.apiVersion", current.cleverApiVersion(), version)));
        secret("clever.districtToken", c.districtToken(), changed, "the district-app token from the Clever dashboard").ifPresent(wrong::add);
        wrong.addAll(also);
        if (!wrong.isEmpty()) {
            return refused(wrong);
        }
        String newToken = c.districtToken() == null ? null : c.districtToken().strip();
        return new Checked.Ok(new Plan(RosteringSource.CLEVER, baseUrl, version, null, null, null, null, null, newToken, at));
    }

    private static Checked oneRoster(RosteringChange.OneRoster o, Current current, LocalTime at, List<FieldRefusal> also,
                                     boolean allowLocal) {
        if (o == null) {
            return refused(Stream.concat(Stream.of(new FieldRefusal("oneRoster", "oneRoster is required for source CLASSLINK: {baseUrl, "
                    + "version (1.1 or 1.2), auth (OAUTH1 or OAUTH2), clientId, clientSecret, tokenUrl (OAUTH2)}.")), also.stream())
                    .toList());
        }
        boolean same = current.source() == RosteringSource.CLASSLINK;
        String baseUrl = normalized(trimSlash(keep(o.baseUrl(), same, current.oneRosterBaseUrl())));
        String version = keep(o.version(), same, current.oneRosterVersion());
        String auth = keep(o.auth(), same, current.oneRosterAuth());
        String clientId = keep(o.clientId(), same, current.oneRosterClientId());
        String tokenUrl = "OAUTH2".equals(auth) ? normalized(keep(o.tokenUrl(), same, current.oneRosterTokenUrl())) : null;
        List<FieldRefusal> wrong = new ArrayList<>(oneRosterProblems(baseUrl, version, auth, clientId, tokenUrl, allowLocal));
        if ("OAUTH1".equals(auth) && o.tokenUrl() != null) {
            // OAuth 1.0a is two-legged, no token (specs/README.md "OneRoster 1.1 / 1.2 REST"): a token URL would be dropped
            wrong.add(new FieldRefusal("oneRoster.tokenUrl", "oneRoster.tokenUrl is only for OAUTH2 (client credentials): OAUTH1 "
                    + "signs each request and uses no token endpoint. Leave oneRoster.tokenUrl empty, or set oneRoster.auth to OAUTH2."));
        }
        // where and how the secret would be sent is only compared once every fact of it is valid
        Optional<String> changed = !same || !current.oneRosterSecretStored() ? Optional.of("source")
                : !wrong.isEmpty() ? Optional.empty()
                : firstChange(List.of(
                        new Sent("oneRoster.baseUrl", origin(current.oneRosterBaseUrl()), origin(baseUrl)),
                        new Sent("oneRoster.version", current.oneRosterVersion(), version),
                        new Sent("oneRoster.auth", current.oneRosterAuth(), auth),
                        new Sent("oneRoster.clientId", current.oneRosterClientId(), clientId),
                        new Sent("oneRoster.tokenUrl", current.oneRosterTokenUrl(), tokenUrl)));
        secret("oneRoster.clientSecret", o.clientSecret(), changed, "the client secret the server gave").ifPresent(wrong::add);
        wrong.addAll(also);
        if (!wrong.isEmpty()) {
            return refused(wrong);
        }
        String newSecret = o.clientSecret() == null ? null : o.clientSecret().strip();
        return new Checked.Ok(new Plan(RosteringSource.CLASSLINK, null, null, baseUrl, version, auth, clientId, tokenUrl, newSecret, at));
    }

    /** Every wrong OneRoster field, in order: base URL, version, auth, client id, then the token URL of OAUTH2. */
    private static List<FieldRefusal> oneRosterProblems(String baseUrl, String version, String auth, String clientId, String tokenUrl,
                                                        boolean allowLocal) {
        List<FieldRefusal> wrong = new ArrayList<>();
        if (baseUrl.isEmpty()) {
            wrong.add(new FieldRefusal("oneRoster.baseUrl", "oneRoster.baseUrl is required: the service root with its path, "
                    + "e.g. https://example.oneroster.com/ims/oneroster/v1p1."));
        } else {
            url("oneRoster.baseUrl", baseUrl, allowLocal).ifPresent(wrong::add);
        }
        if (!"1.1".equals(version) && !"1.2".equals(version)) {
            wrong.add(new FieldRefusal("oneRoster.version", "oneRoster.version must be 1.1 or 1.2."));
        }
        if (!"OAUTH1".equals(auth) && !"OAUTH2".equals(auth)) {
            wrong.add(new FieldRefusal("oneRoster.auth", "oneRoster.auth must be OAUTH1 or OAUTH2."));
        }
        if (!CLIENT_ID.matcher(clientId).matches()) {
            wrong.add(new FieldRefusal("oneRoster.clientId", "oneRoster.clientId is required: 1 to 200 printable characters without "
                    + "spaces."));
        }
        if (tokenUrl != null && tokenUrl.isEmpty()) {
            wrong.add(new FieldRefusal("oneRoster.tokenUrl", "oneRoster.tokenUrl is required for OAUTH2: the token endpoint of the "
                    + "server."));
        } else if (tokenUrl != null) {
            url("oneRoster.tokenUrl", tokenUrl, allowLocal).ifPresent(wrong::add);
        }
        return wrong;
    }

    /** The given value stripped; when absent, the stored one if the source stays the same; else empty. */
    private static String keep(String given, boolean same, String stored) {
        String v = given != null ? given.strip() : same ? stored : null;
        return v == null ? "" : v;
    }

    /** {@code HH:mm} on a 24-hour clock, or absent. */
    static Optional<FieldRefusal> nightlyAt(String raw) {
        if (raw == null || HH_MM.matcher(raw).matches()) {
            return Optional.empty();
        }
        return Optional.of(new FieldRefusal("nightlyAt", "nightlyAt '" + printable(raw) + "' is not a local time like 02:00: use HH:mm "
                + "on a 24-hour clock (00:00 to 23:59), in the district's timezone."));
    }

    /**
     * A base URL Seatkeeper may send a secret to: absolute, https at a public internet address ({@link ProviderAddress};
     * http and other hosts only when {@code allowLocal}), with a host and no user, query or fragment, at most
     * {@link #MAX_URL} characters. A host name is not resolved here (the connector checks its addresses before every
     * connection); a host written as an address is checked.
     */
    static Optional<FieldRefusal> url(String field, String raw, boolean allowLocal) {
        String problem = urlProblem(raw, allowLocal, example(field));
        return problem == null ? Optional.empty() : Optional.of(new FieldRefusal(field, field + " '" + printable(raw) + "' " + problem));
    }

    /** An address of the field's kind, for a message: Clever's API root, a OneRoster service root or a token endpoint. */
    private static String example(String field) {
        return switch (field) {
            case "oneRoster.baseUrl" -> "https://example.oneroster.com/ims/oneroster/v1p1";
            case "oneRoster.tokenUrl" -> "https://example.oneroster.com/oauth/token";
            default -> CLEVER_DEFAULT_BASE_URL;
        };
    }

    private static String urlProblem(String raw, boolean allowLocal, String example) {
        if (raw.isEmpty() || raw.length() > MAX_URL || raw.codePoints().anyMatch(cp -> Text.isRefusedControl(cp, false)
                || Character.isWhitespace(cp))) {
            return "is not a URL: give an https address of at most " + MAX_URL + " characters, without spaces.";
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return "is not a URL: give an https address such as " + example + ".";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "is not an http(s) address with a host: give one such as " + example + ".";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "has a user, a query or a fragment: give the address alone.";
        }
        return ProviderAddress.problem(uri, allowLocal, false, ProviderAddress.SYSTEM).orElse(null);
    }

    /** The address with its scheme and host in lower case (stored so, so what is checked is what is used). */
    private static String normalized(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        try {
            return ProviderAddress.normalized(new URI(url)).toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /**
     * One fact of where or how a stored secret is sent: the API field it comes from, its stored value and the value it
     * would have after the change (a base URL as its origin: scheme, host and port).
     */
    record Sent(String field, String stored, String next) {}

    /**
     * The rule of kept secrets: a stored secret is only ever sent where, and how, it was first given (docs/design.md
     * "Kept secrets"). The field of the first fact that would change, or empty when none does and the stored secret may be
     * kept. With OAuth 2.0 the client secret goes to the token URL, so the token URL is such a fact, as are the base URL's
     * origin, the version, the kind of authentication and the client id.
     */
    static Optional<String> firstChange(List<Sent> facts) {
        return facts.stream().filter(f -> !Objects.equals(f.stored(), f.next())).map(Sent::field).findFirst();
    }

    /**
     * The secret's refusal, if any: a given one must look like a token (never echoed); a missing one is refused when
     * {@code changed} names why the stored one may not be kept ({@code source}: none stored for this source; else the field
     * that changed where or how it would be sent).
     */
    private static Optional<FieldRefusal> secret(String field, String raw, Optional<String> changed, String what) {
        if (raw == null) {
            return changed.map(why -> new FieldRefusal(field, field + " is required: " + (why.equals("source")
                    ? "paste " + what + "."
                    : why + " changed, and a stored secret is only ever sent where and how it was first given: paste " + what
                            + " again to use it with the new " + why + ".")));
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > MAX_SECRET || !SECRET.matcher(s).matches()) {
            // never echo the value: it may be a real secret with a typo
            return Optional.of(new FieldRefusal(field, field + " is not a token: paste " + what + " as it is given (1 to " + MAX_SECRET
                    + " printable characters without spaces), or leave it out to keep the stored one."));
        }
        return Optional.empty();
    }

    /** The origin of a checked URL ({@code scheme://host:port}, lower case); empty for none. */
    private static String origin(String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        URI uri = URI.create(url);
        return (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
    }

    private static String trimSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** A value for a message: control characters as '?', at most 80 characters. */
    private static String printable(String raw) {
        return Text.excerpt(raw);
    }

    static String name(RosteringSource s) {
        return switch (s) {
            case CLEVER -> "Clever";
            case CLASSLINK -> "ClassLink";
            case MANUAL -> "manual rostering";
        };
    }

    /** The fields in the order of the console's forms, for the order of {@code errors} (members that are no field last). */
    private static final List<String> FIELD_ORDER = List.of("body", "source", "clever", "clever.baseUrl", "clever.apiVersion",
            "clever.districtToken", "oneRoster", "oneRoster.baseUrl", "oneRoster.version", "oneRoster.auth", "oneRoster.clientId",
            "oneRoster.tokenUrl", "oneRoster.clientSecret", "nightlyAt");

    private static Checked refused(List<FieldRefusal> wrong) {
        List<FieldRefusal> ordered = new ArrayList<>(wrong);
        ordered.sort(Comparator.comparingInt(f -> FIELD_ORDER.contains(f.field()) ? FIELD_ORDER.indexOf(f.field()) : FIELD_ORDER.size()));
        return new Checked.Refused(new FieldRefusals(ordered));
    }
}
