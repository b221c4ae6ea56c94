package com.seatkeeper.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts as people read them, for messages about limits. */
public final class ByteSizes {
    private static final String[] UNITS = {"bytes", "KB", "MB", "GB", "TB"};

    private ByteSizes() {}

    /**
     * A byte count in binary units (1 KB = 1024 bytes) with at most one decimal, trailing ".0" dropped: 1,000,000 →
     * "976.6 KB", 1,073,741,824 → "1 GB", 512 → "512 bytes", 1 → "1 byte". Negative counts are refused.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public static String readable(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte count cannot be negative: " + bytes);
        }
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        BigDecimal value = BigDecimal.valueOf(bytes);
        int unit = 0;
        BigDecimal k = BigDecimal.valueOf(1024);
        while (unit < UNITS.length - 1 && value.compareTo(k) >= 0) {
            value = value.divide(k, 10, RoundingMode.HALF_UP);
            unit++;
        }
        BigDecimal rounded = value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.compareTo(k) >= 0 && unit < UNITS.length - 1) { // 1023.96 KB rounds to 1024 KB: say 1 MB
            rounded = BigDecimal.ONE;
            unit++;
        }
        return rounded.toPlainString() + " " + UNITS[unit];
    }
}
