package io.cercle.identity.keycloak;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantBulkheadsTest {

    private final TenantBulkheads bulkheads = new TenantBulkheads(2);

    @Test
    void aTenantAtItsLimitIsRefusedWhileOtherTenantsAreNot() {
        assertThat(bulkheads.tryAcquire("acme")).isTrue();
        assertThat(bulkheads.tryAcquire("acme")).isTrue();

        assertThat(bulkheads.tryAcquire("acme")).isFalse();
        assertThat(bulkheads.tryAcquire("globex")).isTrue();
        assertThat(bulkheads.available("globex")).isOne();
    }

    @Test
    void aReleasedPermitCanBeTakenAgain() {
        bulkheads.tryAcquire("acme");
        bulkheads.tryAcquire("acme");

        bulkheads.release("acme");

        assertThat(bulkheads.tryAcquire("acme")).isTrue();
        assertThat(bulkheads.tryAcquire("acme")).isFalse();
    }
}
