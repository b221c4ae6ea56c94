package com.seatkeeper.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void withoutParametersAPageIsTheFirstHundredRows() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(100, 0));
    }

    @Test
    void aLimitFromOneToAThousandIsAccepted() {
        assertThat(PageRequest.of(1, 0).limit()).isEqualTo(1);
        assertThat(PageRequest.of(1000, 5000).limit()).isEqualTo(1000);
    }

    @Test
    void aLimitOutsideOneToAThousandIsAnInvalidRequestNamingLimit() {
        for (int limit : new int[] {0, -1, 1001}) {
            assertThatThrownBy(() -> PageRequest.of(limit, 0)).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.field()).isEqualTo("limit"));
        }
    }

    @Test
    void aNegativeOffsetIsAnInvalidRequestNamingOffset() {
        assertThatThrownBy(() -> PageRequest.of(10, -1)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("offset"));
    }
}
