package com.seatkeeper.licensing;

import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Why a change for several people at once was refused as a whole. Nothing was changed. */
public sealed interface SeatBatchRefusal extends BusinessRefusal {
    /** At most this many ids of each kind are listed in a refusal's properties; the counts say how many in all. */
    int LISTED = 1000;
    /** At most this many names are written in a refusal's detail. */
    int NAMED = 5;

    /**
     * Some of the people hold no license of the pool, or are unknown to the caller (no such person, another district, or
     * not one the caller may manage: told apart from no one, so neither a name nor a license is revealed). Properties, so
     * that a client can drop exactly those ids and send again: {@code notHolders} and {@code unknown} (the ids, at most
     * {@link #LISTED} each, in the order given) and {@code notHoldersCount} and {@code unknownCount} (how many in all).
     *
     * @param names      the names of the first not-holders (people the caller may see), at most {@link #NAMED}
     * @param notHolders the ids of people the caller may manage who hold no license of the pool
     * @param unknown    the ids the caller may not act on or that name no one
     */
    record NotHolders(List<String> names, List<UserId> notHolders, List<UserId> unknown) implements SeatBatchRefusal {
        public String code() { return "not_holders"; }
        public int status() { return 409; }
        public String title() { return "Not everyone holds this license"; }
        public String detail() {
            StringBuilder d = new StringBuilder();
            if (!notHolders.isEmpty()) {
                d.append(count(notHolders.size())).append(notHolders.size() == 1 ? " does" : " do").append(" not hold this license");
                if (!names.isEmpty()) {
                    d.append(" (").append(String.join(", ", names)).append(notHolders.size() > names.size() ? ", …" : "").append(")");
                }
            }
            if (!unknown.isEmpty()) {
                d.append(notHolders.isEmpty() ? "" : " and ").append(count(unknown.size())).append(unknown.size() == 1 ? " is" : " are")
                        .append(" unknown here (no such person, or not one you may manage)");
            }
            return d.append(", so nothing was unassigned. Select only people who hold it.").toString();
        }

        private static String count(int n) {
            return n + " of the selected people";
        }

        @Override public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("notHolders", notHolders.stream().limit(LISTED).map(UserId::toString).toList());
            p.put("notHoldersCount", notHolders.size());
            p.put("unknown", unknown.stream().limit(LISTED).map(UserId::toString).toList());
            p.put("unknownCount", unknown.size());
            return p;
        }
    }
}
