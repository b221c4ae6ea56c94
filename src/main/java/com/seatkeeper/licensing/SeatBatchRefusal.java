package com.seatkeeper.licensing;

import com.seatkeeper.shared.BusinessRefusal;
import java.util.List;
import java.util.Map;

/** Why a change for several people at once was refused as a whole. Nothing was changed. */
public sealed interface SeatBatchRefusal extends BusinessRefusal {

    record NotHolders(List<String> names) implements SeatBatchRefusal {
        public String code() { return "not_holders"; }
        public int status() { return 409; }
        public String title() { return "Not everyone holds this license"; }
        public String detail() {
            return names.size() + (names.size() == 1 ? " of the selected people does" : " of the selected people do")
                    + " not hold this license (" + String.join(", ", names.subList(0, Math.min(5, names.size())))
                    + (names.size() > 5 ? ", …" : "") + "), so nothing was unassigned. Select only people who hold it.";
        }
        @Override public Map<String, Object> properties() { return Map.of("notHolders", names.size()); }
    }
}
