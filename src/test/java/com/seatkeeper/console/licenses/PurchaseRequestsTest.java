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

    @Test
    void aDeclinedRequestAddsNoSeatsTellsTheDistrictWhyAndCanNeitherBeFulfilledNorDeclinedAgain() {
        Scenario s = new Scenario(port, accounts);
        Actor admin = accounts.actorForAccount(accounts.ensurePersonAccount(UserId.of(s.admin), null)).orElseThrow();
        Actor vendor = accounts.actorForAccount(accounts.ensureVendorAccount("v-" + UUID.randomUUID() + "@example.test", null)).orElseThrow();
        PoolId pool = PoolId.of(s.educatorPool.id());
        long purchasesBefore = purchases(s);
        PurchaseRequest r = requests.request(admin, pool, 7, "PO 77").value();

        // a reason is required; a district admin may not decline
        var noReason = requests.decline(vendor, r.id(), "   ");
        assertThat(((Outcome.Refused<PurchaseRequest>) noReason).refusal()).isInstanceOf(PurchaseRequestRefusal.ReasonRequired.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests.decline(admin, r.id(), "no")).isInstanceOf(ForbiddenException.class);
        assertThat(requests.ofPool(admin, pool)).extracting(PurchaseRequest::status).containsExactly(PurchaseRequest.Status.OPEN);

        PurchaseRequest declined = requests.decline(vendor, r.id(), "  Budget not approved: send a PO first  ").value();
        assertThat(declined.status()).isEqualTo(PurchaseRequest.Status.DECLINED);
        assertThat(declined.declineReason()).isEqualTo("Budget not approved: send a PO first");
        assertThat(declined.declinedBy()).isEqualTo(vendor.label());
        assertThat(declined.declinedAt()).isNotNull();
        assertThat(requests.open(vendor)).extracting(PurchaseRequest::id).doesNotContain(r.id());
        assertThat(requests.recentlyDeclined(vendor, 20)).extracting(PurchaseRequest::id).contains(r.id());
        assertThat(requests.ofPool(admin, pool)).singleElement().satisfies(seen -> {
            assertThat(seen.isDeclined()).isTrue();
            assertThat(seen.declineReason()).isEqualTo("Budget not approved: send a PO first");
        });

        // nothing was added, and a declined request stays declined
        assertThat(s.fx.available(s.educatorPool)).isZero();
        assertThat(purchases(s)).isEqualTo(purchasesBefore);
        var fulfilAfter = requests.fulfil(vendor, r.id(), "PO 77");
        assertThat(((Outcome.Refused<PurchaseRequest>) fulfilAfter).refusal()).isInstanceOf(PurchaseRequestRefusal.AlreadyDeclined.class);
        var declineAgain = requests.decline(vendor, r.id(), "again");
        assertThat(((Outcome.Refused<PurchaseRequest>) declineAgain).refusal()).isInstanceOf(PurchaseRequestRefusal.AlreadyDeclined.class);
        assertThat(s.fx.available(s.educatorPool)).isZero();
        assertThat(purchases(s)).isEqualTo(purchasesBefore);

        // a fulfilled request cannot be declined afterwards
        PurchaseRequest second = requests.request(admin, pool, 2, null).value();
        assertThat(requests.fulfil(vendor, second.id(), null).isDone()).isTrue();
        var declineFulfilled = requests.decline(vendor, second.id(), "too late");
        assertThat(((Outcome.Refused<PurchaseRequest>) declineFulfilled).refusal()).isInstanceOf(PurchaseRequestRefusal.AlreadyFulfilled.class);
        assertThat(s.fx.available(s.educatorPool)).isEqualTo(2);
    }

    private long purchases(Scenario s) {
        return jdbc.sql("select count(*) from purchases where pool_id = ?").param(UUID.fromString(s.educatorPool.id())).query(Long.class).single();
    }

    @Test
    void inTheConsoleTheVendorDeclinesWithAReasonAndTheDistrictAdminReadsIt() {
        Scenario s = new Scenario(port, accounts);
        String vendorEmail = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(vendorEmail, Scenario.PASSWORD);
        var vendor = com.seatkeeper.support.ConsoleClient.signedIn(port, vendorEmail, Scenario.PASSWORD);
        var admin = com.seatkeeper.support.ConsoleClient.signedIn(port, s.adminEmail, Scenario.PASSWORD);
        String purchasePage = "/licenses/" + s.educatorPool.id() + "/purchase";
        assertThat(admin.post(purchasePage, java.util.Map.of("seats", "5", "note", "for the new wing")).body()).contains("was sent");
        String id = jdbc.sql("select id from purchase_requests where pool_id = ?").param(UUID.fromString(s.educatorPool.id()))
                .query(UUID.class).single().toString();
        assertThat(vendor.get("/vendor/purchase-requests").body()).contains("request-" + id).contains("Decline");

        var empty = vendor.post("/vendor/purchase-requests/" + id + "/decline", java.util.Map.of("reason", ""));
        assertThat(empty.body()).contains("Say why the request is declined");
        var declined = vendor.post("/vendor/purchase-requests/" + id + "/decline", java.util.Map.of("reason", "<b>No budget</b> this year"));
        assertThat(declined.status()).isEqualTo(200);
        assertThat(declined.body()).contains("Declined: the request for 5").contains("&lt;b&gt;No budget&lt;/b&gt; this year")
                .doesNotContain("<b>No budget</b>").doesNotContain("request-" + id);

        String page = admin.get(purchasePage).body();
        assertThat(page).contains("declined").contains("&lt;b&gt;No budget&lt;/b&gt; this year").doesNotContain("waiting for the vendor");
        assertThat(s.fx.available(s.educatorPool)).isZero();
    }
}
