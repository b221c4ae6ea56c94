package com.seatkeeper.bulkimport;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while checking that they are UTF-8, counting lines (LF), so that a file that is not UTF-8 is
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
            if ((c & 0xC0) != 0x80) {
                throw new InvalidUtf8(line);
            }
            continuation--;
            return;
        }
        if (c == '\n') {
            line++;
        } else if (c >= 0xC2 && c <= 0xDF) {
            continuation = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            continuation = 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            continuation = 3;
        } else if (c >= 0x80) {
            throw new InvalidUtf8(line);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }
}
