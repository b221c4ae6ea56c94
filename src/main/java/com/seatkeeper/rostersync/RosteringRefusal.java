package com.seatkeeper.rostersync;

import com.seatkeeper.shared.BusinessRefusal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Why a rostering connection or a sync request was refused (nothing changed). */
public sealed interface RosteringRefusal extends BusinessRefusal {

    /** Only district admins of the district and the vendor admin see or change its connection and request syncs. */
    record RoleNotAllowed(String role) implements RosteringRefusal {
        public String code() { return "role_not_allowed"; }
        public int status() { return 403; }
        public String title() { return "Role not allowed"; }
        public String detail() {
            return "A " + role + " may not see or change the district's rostering connection or request a sync. Ask a district "
                    + "administrator.";
        }
    }

    /** No key to encrypt secrets with is configured: the operator sets one (nothing was saved). */
    record SecretsNotConfigured(String message) implements RosteringRefusal {
        public String code() { return "secrets_not_configured"; }
        public int status() { return 503; }
        public String title() { return "Secrets cannot be stored"; }
        public String detail() { return message; }
    }

    /**
     * The district has had {@code limit} same-day syncs in its local day ({@code seatkeeper.sync.same-day-limit}).
     *
     * @param nextAllowedAt the next local midnight, when the next request is allowed
     */
    record SyncLimitReached(int limit, Instant nextAllowedAt, ZoneId timezone) implements RosteringRefusal {
        public String code() { return "sync_limit_reached"; }
        public int status() { return 429; }
        public String title() { return "Same-day sync limit reached"; }
        public String detail() {
            String local = ZonedDateTime.ofInstant(nextAllowedAt, timezone)
                    .format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.US));
            return "This district has had its " + limit + " same-day " + (limit == 1 ? "sync" : "syncs") + " today. The next can be "
                    + "requested from " + local + " (" + timezone.getId() + "); the nightly sync brings every change before then.";
        }
        @Override public Map<String, Object> properties() {
            return Map.of("nextAllowedAt", nextAllowedAt.toString(), "limit", limit);
        }
    }
}
