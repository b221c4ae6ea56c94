package com.seatkeeper.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(ByteSizes.readable(0)).isEqualTo("0 bytes");
        assertThat(ByteSizes.readable(1)).isEqualTo("1 byte");
        assertThat(ByteSizes.readable(1023)).isEqualTo("1023 bytes");
        assertThat(ByteSizes.readable(1024)).isEqualTo("1 KB");
        assertThat(ByteSizes.readable(1_000_000)).isEqualTo("976.6 KB");
        assertThat(ByteSizes.readable(1_048_575)).isEqualTo("1 MB");
        assertThat(ByteSizes.readable(1L << 30)).isEqualTo("1 GB");
        assertThat(ByteSizes.readable(4L << 30)).isEqualTo("4 GB");
        assertThat(ByteSizes.readable(1_500_000_000L)).isEqualTo("1.4 GB");
        assertThatThrownBy(() -> ByteSizes.readable(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
