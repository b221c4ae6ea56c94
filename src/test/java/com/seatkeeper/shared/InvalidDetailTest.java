package com.seatkeeper.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The detail of an {@code invalid_request} says what to do and to send again once ({@link ApiProblems#invalidDetail}). */
class InvalidDetailTest {

    @Test
    void aMessageWithItsOwnInstructionIsNotFollowedByAnother() {
        assertThat(ApiProblems.invalidDetail(List.of("q has a control character at character 2. Remove it and send again.")))
                .isEqualTo("q has a control character at character 2. Remove it and send again.");
    }

    @Test
    void aMessageWithoutOneGetsTheGeneralInstructionOnce() {
        assertThat(ApiProblems.invalidDetail(List.of("limit is required."))).isEqualTo("limit is required. Correct it and send again.");
    }

    @Test
    void severalMessagesSayToSendAgainOnceAtTheEnd() {
        String detail = ApiProblems.invalidDetail(List.of("q has a control character. Remove it and send again.", "limit is required."));
        assertThat(detail).isEqualTo("q has a control character. Remove it. limit is required. Correct it and send again.");
        assertThat(detail.split("send again", -1)).hasSize(2);
    }
}
