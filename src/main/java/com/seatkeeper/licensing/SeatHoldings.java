package com.seatkeeper.licensing;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which pools each of many people holds a seat of, in one query (class pages, people lists). */
@Service
public class SeatHoldings {
    private final JdbcClient jdbc;

    SeatHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The pools in which each of the given people of the district holds an active seat; people
     * holding none are left out. The caller must already have checked it may see these people.
     */
    @Transactional(readOnly = true)
    public Map<UserId, Set<PoolId>> heldPools(Actor actor, DistrictId district, Collection<UserId> people) {
        actor.requireVisible(district, "district", district);
        Map<UserId, Set<PoolId>> out = new HashMap<>();
        if (people.isEmpty()) {
            return out;
        }
        jdbc.sql("select user_id, pool_id from assignments where district_id = ? and user_id = any(?) and released_at is null")
                .params(district.value(), people.stream().map(UserId::value).distinct().toArray(UUID[]::new))
                .query((rs, n) -> {
                    out.computeIfAbsent(new UserId(rs.getObject(1, UUID.class)), k -> new HashSet<>())
                            .add(new PoolId(rs.getObject(2, UUID.class)));
                    return null;
                }).list();
        return out;
    }
}
