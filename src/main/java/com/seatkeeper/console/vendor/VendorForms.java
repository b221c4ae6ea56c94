package com.seatkeeper.console.vendor;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.shared.SchoolId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The vendor console's forms, with the API's field names. The annotations are the API bodies' own (seats
 * {@code @NotNull @Positive}, dates and kinds {@code @NotNull}); text (names, codes, references, reasons, time
 * zones) is checked by the services, as it is for the API.
 */
public final class VendorForms {
    private VendorForms() {
    }

    /** A new district. */
    public static class District {
        private String name = "";
        @NotNull(message = "rosteringSource is required: choose where the district's roster comes from.")
        private RosteringSource rosteringSource = RosteringSource.MANUAL;
        private String timezone = "America/Chicago";

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public RosteringSource getRosteringSource() { return rosteringSource; }
        public void setRosteringSource(RosteringSource source) { this.rosteringSource = source; }
        public String getTimezone() { return timezone; }
        public void setTimezone(String timezone) { this.timezone = timezone; }
    }

    /** A new product: code, name and the kinds of license it offers. */
    public static class Product {
        private String code = "";
        private String name = "";
        private List<SeatType> seatTypes = new ArrayList<>(List.of(SeatType.EDUCATOR, SeatType.STUDENT));

        public String getCode() { return code; }
        public void setCode(String code) { this.code = code; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public List<SeatType> getSeatTypes() { return seatTypes; }
        public void setSeatTypes(List<SeatType> seatTypes) { this.seatTypes = seatTypes == null ? new ArrayList<>() : seatTypes; }

        List<SeatType> chosen() {
            return seatTypes.stream().filter(Objects::nonNull).distinct().toList();
        }
    }

    /** A new pool of a district. */
    public static class Pool {
        private String productCode = "";
        @NotNull(message = "seatType is required: educator or student.")
        private SeatType seatType = SeatType.STUDENT;
        @NotNull(message = "seats is required: the number of licenses bought (1 or more).")
        @Positive(message = "seats must be 1 or more.")
        private Integer seats;
        @NotNull(message = "startsOn is required: the term's first day.")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate startsOn;
        @NotNull(message = "endsOn is required: the term's last day.")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate endsOn;
        private SchoolId schoolId;

        public String getProductCode() { return productCode; }
        public void setProductCode(String productCode) { this.productCode = productCode; }
        public SeatType getSeatType() { return seatType; }
        public void setSeatType(SeatType seatType) { this.seatType = seatType; }
        public Integer getSeats() { return seats; }
        public void setSeats(Integer seats) { this.seats = seats; }
        public LocalDate getStartsOn() { return startsOn; }
        public void setStartsOn(LocalDate startsOn) { this.startsOn = startsOn; }
        public LocalDate getEndsOn() { return endsOn; }
        public void setEndsOn(LocalDate endsOn) { this.endsOn = endsOn; }
        public SchoolId getSchoolId() { return schoolId; }
        public void setSchoolId(SchoolId schoolId) { this.schoolId = schoolId; }
    }

    /** Seats added to a pool, with the order's reference. */
    public static class Seats {
        @NotNull(message = "seats is required: the number of seats to add (1 or more).")
        @Positive(message = "seats must be 1 or more.")
        private Integer seats;
        private String reference = "";

        public Integer getSeats() { return seats; }
        public void setSeats(Integer seats) { this.seats = seats; }
        public String getReference() { return reference; }
        public void setReference(String reference) { this.reference = reference; }
    }

    /** Fulfilling ({@code reference}) or declining ({@code reason}) a purchase request. */
    public static class Decision {
        private String reference = "";
        private String reason = "";

        public String getReference() { return reference; }
        public void setReference(String reference) { this.reference = reference; }
        public String getReason() { return reason; }
        public void setReason(String reason) { this.reason = reason; }
    }

    /** A pool's renewal: the next term's seats and days, whether holders carry over; {@code action} preview or renew. */
    public static class Renewal {
        @NotNull(message = "seats is required: the number of seats of the new term (1 or more).")
        @Positive(message = "seats must be 1 or more.")
        private Integer seats;
        @NotNull(message = "startsOn is required: the new term's first day.")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate startsOn;
        @NotNull(message = "endsOn is required: the new term's last day.")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate endsOn;
        private boolean carryOverHolders;
        private String action = "preview";

        public Integer getSeats() { return seats; }
        public void setSeats(Integer seats) { this.seats = seats; }
        public LocalDate getStartsOn() { return startsOn; }
        public void setStartsOn(LocalDate startsOn) { this.startsOn = startsOn; }
        public LocalDate getEndsOn() { return endsOn; }
        public void setEndsOn(LocalDate endsOn) { this.endsOn = endsOn; }
        public boolean isCarryOverHolders() { return carryOverHolders; }
        public void setCarryOverHolders(boolean carryOverHolders) { this.carryOverHolders = carryOverHolders; }
        public String getAction() { return action; }
        public void setAction(String action) { this.action = action; }
    }
}
