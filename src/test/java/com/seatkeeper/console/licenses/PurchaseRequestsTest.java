package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.licensing.PurchaseRequest;
import com.seatkeeper.licensing.PurchaseRequestRefusal;
import com.seatkeeper.licensing.PurchaseRequests;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Purchase requests at the service: who may ask and fulfil, once only, even when two vendor admins race. */
@ApiTest
class PurchaseRequestsTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    PurchaseRequests requests;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRequestIsFulfilledExactlyOnceEvenWhenTwoVendorAdminsRace() throws Exception {
        Scenario s = new Scenario(port, accounts);
        Actor admin = accounts.actorForAccount(accounts.ensurePersonAccount(UserId.of(s.admin), null)).orElseThrow();
        Actor vendor1 = accounts.actorForAccount(accounts.ensureVendorAccount("v1-" + UUID.randomUUID() + "@example.test", null)).orElseThrow();
        Actor vendor2 = accounts.actorForAccount(accounts.ensureVendorAccount("v2-" + UUID.randomUUID() + "@example.test", null)).orElseThrow();
        PoolId pool = PoolId.of(s.educatorPool.id());

        PurchaseRequest r = requests.request(admin, pool, 4, "  PO 9  ").value();
        assertThat(r.isOpen()).isTrue();
        assertThat(r.note()).isEqualTo("PO 9");
        assertThat(requests.open(vendor1)).extracting(PurchaseRequest::id).contains(r.id());

        ExecutorService pool2 = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome<PurchaseRequest>>> results = new ArrayList<>();
        for (Actor v : List.of(vendor1, vendor2)) {
            Callable<Outcome<PurchaseRequest>> c = () -> {
                go.await();
                return requests.fulfil(v, r.id(), null);
            };
            results.add(pool2.submit(c));
        }
        go.countDown();
        int done = 0;
        int refused = 0;
        for (Future<Outcome<PurchaseRequest>> f : results) {
            Outcome<PurchaseRequest> o = f.get();
            if (o.isDone()) {
                done++;
            } else if (((Outcome.Refused<PurchaseRequest>) o).refusal() instanceof PurchaseRequestRefusal.AlreadyFulfilled) {
                refused++;
            }
        }
        pool2.shutdown();
        assertThat(done).isEqualTo(1);
        assertThat(refused).isEqualTo(1);
        assertThat(s.fx.available(s.educatorPool)).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from purchases where pool_id = ?").param(UUID.fromString(s.educatorPool.id())).query(Long.class).single())
                .isEqualTo(2); // the initial purchase and this one
        assertThat(requests.open(vendor1)).extracting(PurchaseRequest::id).doesNotContain(r.id());
    }

    @Test
    void onlyADistrictAdminOfThePoolsDistrictMayAskAndOnlyTheVendorMayFulfil() {
        Scenario s = new Scenario(port, accounts);
        Scenario other = new Scenario(port, accounts);
        Actor admin = accounts.actorForAccount(accounts.ensurePersonAccount(UserId.of(s.admin), null)).orElseThrow();
        Actor otherAdmin = accounts.actorForAccount(accounts.ensurePersonAccount(UserId.of(other.admin), null)).orElseThrow();
        Actor teacher = accounts.actorForAccount(accounts.ensurePersonAccount(UserId.of(s.newcomer), null)).orElseThrow();
        PoolId pool = PoolId.of(s.educatorPool.id());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests.request(otherAdmin, pool, 1, null)).isInstanceOf(NotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests.request(teacher, pool, 1, null)).isInstanceOf(ForbiddenException.class);
        assertThat(requests.request(admin, pool, 0, null).isDone()).isFalse();
        assertThat(requests.request(admin, pool, 1, "x".repeat(2001)).isDone()).isFalse();
        PurchaseRequest r = requests.request(admin, pool, 1, null).value();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests.fulfil(admin, r.id(), null)).isInstanceOf(ForbiddenException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests.ofPool(otherAdmin, pool)).isInstanceOf(NotFoundException.class);
        assertThat(s.fx.available(s.educatorPool)).isZero();
        assertThat(Fixtures.ADMIN).isNotBlank();
    }
}
