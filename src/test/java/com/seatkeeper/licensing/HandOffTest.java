package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link HandOff}: every row once and in order across many batches; a failure of the writer stops the reader. */
class HandOffTest {

    @Test
    void everyRowArrivesOnceInOrderOnAnotherThread() {
        List<Integer> written = new ArrayList<>();
        Thread reader = Thread.currentThread();
        AtomicInteger onReader = new AtomicInteger();
        try (HandOff<Integer> handOff = new HandOff<>(n -> {
            written.add(n);
            if (Thread.currentThread() == reader) {
                onReader.incrementAndGet();
            }
        }, 7, 2, "test-hand-off")) {
            for (int i = 0; i < 10_003; i++) {
                handOff.accept(i);
            }
        }
        assertThat(written).hasSize(10_003);
        for (int i = 0; i < written.size(); i++) {
            assertThat(written.get(i)).isEqualTo(i);
        }
        assertThat(onReader).hasValue(0);
    }

    @Test
    void aWriterThatFailsStopsTheReaderWithItsFailure() {
        AtomicInteger read = new AtomicInteger();
        assertThatThrownBy(() -> {
            try (HandOff<Integer> handOff = new HandOff<>(n -> {
                if (n == 50) {
                    throw new IllegalStateException("client went away");
                }
            }, 10, 2, "test-hand-off")) {
                for (int i = 0; i < 1_000_000; i++) {
                    read.incrementAndGet();
                    handOff.accept(i);
                }
            }
        }).hasMessage("client went away");
        assertThat(read.get()).as("the reader stopped soon after the failure").isLessThan(1_000);
    }
}
