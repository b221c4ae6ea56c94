package com.seatkeeper.licensing;

import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.UserId;
import java.util.List;

/**
 * What a picker offers for a typed text: the first people matching it by name (family name, then given name), and
 * whether more match than are shown (the picker then says "type more to narrow"); never a silent cap.
 *
 * @param items the people shown, at most the limit asked for
 * @param more  true when more people match than {@code items} holds
 */
public record Choices(List<Choice> items, boolean more) {

    /** One person a picker offers. */
    public record Choice(UserId userId, String givenName, String familyName, Role role, String email) {
        /** "Family, Given": the order a long list is sorted by. */
        public String sortName() {
            return familyName + ", " + givenName;
        }
    }
}
