package com.seatkeeper.console.licenses;

import jakarta.validation.constraints.NotNull;

/**
 * The purchase request form: how many more seats (a whole number; its range is the purchase requests service's rule)
 * and an optional note (checked by the service, {@code shared.Text}).
 */
public class PurchaseForm {
    @NotNull(message = "seats is required: type how many more licenses you need (1 or more).")
    private Integer seats;
    private String note = "";

    public Integer getSeats() { return seats; }
    public void setSeats(Integer seats) { this.seats = seats; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
}
