package com.seatkeeper.licensing;

/** The result of assign and reassign: the seat is held (newly or already), or the change was refused. */
public sealed interface AssignOutcome {
    record Assigned(Holder holder, boolean created) implements AssignOutcome {}

    record Refused(LicenseRefusal refusal) implements AssignOutcome {}
}
