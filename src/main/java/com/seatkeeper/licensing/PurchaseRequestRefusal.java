package com.seatkeeper.licensing;

import com.seatkeeper.shared.BusinessRefusal;
import java.time.Instant;
import java.util.Map;

/** Why a purchase request could not be made, fulfilled or declined. Nothing was changed. */
public sealed interface PurchaseRequestRefusal extends BusinessRefusal {

    record AlreadyFulfilled(String fulfilledBy, Instant fulfilledAt) implements PurchaseRequestRefusal {
        public String code() { return "request_already_fulfilled"; }
        public int status() { return 409; }
        public String title() { return "Already fulfilled"; }
        public String detail() {
            return "This request was already fulfilled by " + fulfilledBy + " at " + fulfilledAt
                    + "; its seats were added then. Nothing was changed.";
        }
        @Override public Map<String, Object> properties() { return Map.of("fulfilledBy", fulfilledBy); }
    }

    record AlreadyDeclined(String declinedBy, Instant declinedAt, String reason) implements PurchaseRequestRefusal {
        public String code() { return "request_already_declined"; }
        public int status() { return 409; }
        public String title() { return "Already declined"; }
        public String detail() {
            return "This request was declined by " + declinedBy + " at " + declinedAt + " (" + reason
                    + "). Nothing was changed. The district can send a new request.";
        }
        @Override public Map<String, Object> properties() { return Map.of("declinedBy", declinedBy); }
    }

    record ReasonRequired(int max) implements PurchaseRequestRefusal {
        public String code() { return "decline_reason_required"; }
        public int status() { return 422; }
        public String title() { return "Give a reason"; }
        public String detail() {
            return "Say why the request is declined (at most " + max + " characters); the district administrator sees it.";
        }
    }

    record InvalidSeats(String why) implements PurchaseRequestRefusal {
        public String code() { return "invalid_seats"; }
        public int status() { return 422; }
        public String title() { return "Invalid number of seats"; }
        public String detail() { return why; }
    }
}
