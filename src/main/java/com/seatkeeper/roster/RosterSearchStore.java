package com.seatkeeper.roster;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RosterSearchStore {
    private final JdbcClient jdbc;

    RosterSearchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<RosterUser> find(DistrictId districtId, RosterSearch.Filter f, Rosters.Scope scope, PageRequest page) {
        StringBuilder where = new StringBuilder(" from users u where u.district_id = :district");
        Map<String, Object> params = new HashMap<>();
        params.put("district", districtId.value());
        if (!f.roles().isEmpty()) {
            where.append(" and u.role = any(:roles)");
            params.put("roles", f.roles().stream().map(Role::name).sorted().toArray(String[]::new));
        }
        if (f.schoolId() != null) {
            where.append(" and exists (select 1 from user_schools us where us.user_id = u.id and us.school_id = :school)");
            params.put("school", f.schoolId().value());
        }
        if (f.activeOnly()) {
            where.append(" and u.status = 'ACTIVE'");
        }
        if (f.q() != null && !f.q().isBlank()) {
            where.append(" and ").append(RosterListStore.SEARCH_TEXT).append(" ilike :q"); // the trigram index users_name_search
            params.put("q", "%" + likeEscape(f.q().trim()) + "%");
        }
        if (f.onlyAmong() != null) {
            where.append(" and u.id in (select unnest(cast(:only as uuid[])))");
            params.put("only", RosterStore.uuids(f.onlyAmong()));
        }
        if (f.excluding() != null && !f.excluding().isEmpty()) {
            where.append(" and not exists (select 1 from unnest(cast(:excluding as uuid[])) ex(id) where ex.id = u.id)");
            params.put("excluding", RosterStore.uuids(f.excluding()));
        }
        if (scope instanceof Rosters.Scope.Schools s) {
            where.append(" and exists (select 1 from user_schools us2 where us2.user_id = u.id and us2.school_id = any(:scopeSchools))");
            params.put("scopeSchools", s.schoolIds().stream().map(SchoolId::value).toArray(UUID[]::new));
        } else if (scope instanceof Rosters.Scope.Teacher t) {
            where.append(" and u.id = :scopeTeacher");
            params.put("scopeTeacher", t.teacher().value());
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        if (total == 0) {
            return new Page<>(List.of(), 0);
        }
        params.put("limit", page.limit());
        params.put("offset", page.offset());
        List<RosterUser> items = jdbc.sql("""
                        select u.id, u.district_id, u.given_name, u.family_name, u.email, u.role, u.status, u.source, u.sourced_id,
                               array(select us.school_id from user_schools us where us.user_id = u.id order by us.school_id) as school_ids
                        """ + where + " order by u.family_name, u.given_name, u.id limit :limit offset :offset")
                .params(params).query(RosterSearchStore::user).list();
        return new Page<>(items, total);
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static RosterUser user(ResultSet rs, int n) throws SQLException {
        Array array = rs.getArray("school_ids");
        Set<SchoolId> schools = array == null ? Set.of()
                : Arrays.stream((UUID[]) array.getArray()).map(SchoolId::new).collect(Collectors.toSet());
        return new RosterUser(new UserId(rs.getObject("id", UUID.class)), new DistrictId(rs.getObject("district_id", UUID.class)),
                rs.getString("given_name"), rs.getString("family_name"), rs.getString("email"), Role.valueOf(rs.getString("role")),
                UserStatus.valueOf(rs.getString("status")), RosterSource.valueOf(rs.getString("source")), rs.getString("sourced_id"),
                schools);
    }
}
