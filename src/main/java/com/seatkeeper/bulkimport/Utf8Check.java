package com.seatkeeper.bulkimport;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while checking that they are UTF-8 exactly as the Unicode standard defines it (table 3-7: no
 * overlong encodings, no surrogates, nothing above U+10FFFF), counting lines (LF), so that a file that is not UTF-8 is
 * refused with the line of its first bad byte (a decoder reads ahead and cannot say where). Drops a leading byte order
 * mark ({@link #hadBom()}).
 */
final class Utf8Check extends FilterInputStream {
    /** The bytes are not UTF-8 at this 1-based line. */
    static final class InvalidUtf8 extends IOException {
        final long line;

        InvalidUtf8(long line) {
            super("not UTF-8 at line " + line);
            this.line = line;
        }
    }

    private long line = 1;
    private int continuation;
    /** The range the next continuation byte must be in (narrower than 80..BF right after E0, ED, F0 and F4). */
    private int low = 0x80;
    private int high = 0xBF;
    private boolean start = true;
    private boolean bom;

    Utf8Check(InputStream in) {
        super(in.markSupported() ? in : new BufferedInputStream(in));
    }

    boolean hadBom() {
        return bom;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (start) {
            start = false;
            in.mark(3);
            byte[] head = in.readNBytes(3);
            bom = head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
            if (!bom) {
                in.reset();
            }
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            if (continuation > 0) {
                throw new InvalidUtf8(line);
            }
            return n;
        }
        for (int i = off; i < off + n; i++) {
            check(b[i] & 0xff);
        }
        return n;
    }

    private void check(int c) throws InvalidUtf8 {
        if (continuation > 0) {
            if (c < low || c > high) {
                throw new InvalidUtf8(line);
            }
            continuation--;
            low = 0x80;
            high = 0xBF;
            return;
        }
        if (c == '\n') {
            line++;
        } else if (c >= 0xC2 && c <= 0xDF) {
            continuation = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            continuation = 2;
            low = c == 0xE0 ? 0xA0 : 0x80; // E0 80..9F: an overlong encoding
            high = c == 0xED ? 0x9F : 0xBF; // ED A0..BF: a surrogate (U+D800..DFFF)
        } else if (c >= 0xF0 && c <= 0xF4) {
            continuation = 3;
            low = c == 0xF0 ? 0x90 : 0x80; // F0 80..8F: overlong
            high = c == 0xF4 ? 0x8F : 0xBF; // F4 90..: above U+10FFFF
        } else if (c >= 0x80) {
            throw new InvalidUtf8(line); // a stray continuation byte, C0/C1 (overlong) or F5..FF
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }
}
