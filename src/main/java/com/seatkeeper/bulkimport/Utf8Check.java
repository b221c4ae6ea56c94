package com.seatkeeper.bulkimport;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while checking that they are UTF-8 exactly as the Unicode standard defines it (table 3-7: no
 * overlong encodings, no surrogates, nothing above U+10FFFF), so that a file that is not UTF-8 is refused with the place
 * of its first bad byte (a decoder reads ahead and cannot say where): its line (a line ends at LF, CR or CRLF, as
 * RFC 4180 and FastCSV count them), its field within the CSV record and the line that record starts on (RFC 4180 §2
 * quoting followed byte by byte: a quote opens a quoted field only at the start of a field, two quotes inside one are
 * a quote). Every byte before the bad one is passed on first, and {@link #available()} says 0 from then on, so the
 * reader behind gets every record that ends before the bad byte; the next read throws {@link InvalidUtf8}. Drops a
 * leading byte order mark ({@link #hadBom()}). A NUL byte is refused as well: it is valid UTF-8 but never text, and a
 * file saved as UTF-16 without a byte order mark has one after every ASCII letter.
 */
final class Utf8Check extends FilterInputStream {
    /** The bytes are not UTF-8 at this place. */
    static final class InvalidUtf8 extends IOException {
        /** 1-based line of the bad byte. */
        final long line;
        /** 1-based line on which the CSV record holding the bad byte starts (the same as {@link #line} unless a quoted field spans lines). */
        final long recordLine;
        /** 0-based index of the field of that record the bad byte is in. */
        final int field;
        /**
         * The bad byte (0..255): the first byte of a multi-byte character that does not go on as UTF-8 (E9 of a Latin-1 "é"
         * followed by a letter), else the byte itself; -1 when the file ends inside a multi-byte character.
         */
        final int badByte;

        InvalidUtf8(long line, long recordLine, int field, int badByte) {
            super("not UTF-8 at line " + line);
            this.line = line;
            this.recordLine = recordLine;
            this.field = field;
            this.badByte = badByte;
        }
    }

    private enum Quoting { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private long line = 1;
    private long recordLine = 1;
    private int field;
    private Quoting quoting = Quoting.FIELD_START;
    private boolean afterCr;
    private int continuation;
    /** The first byte of the multi-byte character being checked (the one to name when it goes wrong). */
    private int lead;
    /** The range the next continuation byte must be in (narrower than 80..BF right after E0, ED, F0 and F4). */
    private int low = 0x80;
    private int high = 0xBF;
    private boolean start = true;
    private boolean bom;
    private InvalidUtf8 pending;

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
        if (pending != null) {
            throw pending;
        }
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
                throw new InvalidUtf8(line, recordLine, field, -1);
            }
            return n;
        }
        int character = off; // where the character being checked starts (off: in an earlier read)
        for (int i = off; i < off + n; i++) {
            int c = b[i] & 0xff;
            boolean inside = continuation > 0;
            if (!valid(c)) {
                boolean sequence = continuation > 0;
                pending = new InvalidUtf8(line, recordLine, field, sequence ? lead : c);
                int end = sequence ? character : i;
                if (end == off) {
                    throw pending;
                }
                return end - off; // the bytes before the bad character first: the records they end are read
            }
            if (!inside) {
                character = i;
            }
            follow(c);
        }
        return n;
    }

    /** 0 once a bad byte was found, so that a decoder hands on what it decoded before reading (and failing) again. */
    @Override
    public int available() throws IOException {
        return pending != null ? 0 : super.available();
    }

    /** Whether the byte may come next in UTF-8; moves the multi-byte state on when it may. */
    private boolean valid(int c) {
        if (continuation > 0) {
            if (c < low || c > high) {
                return false;
            }
            continuation--;
            low = 0x80;
            high = 0xBF;
            return true;
        }
        if (c < 0x80) {
            return c != 0; // NUL is UTF-8 but no text: a file of NULs between letters is UTF-16 without its byte order mark
        }
        lead = c;
        if (c >= 0xC2 && c <= 0xDF) {
            continuation = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            continuation = 2;
            low = c == 0xE0 ? 0xA0 : 0x80; // E0 80..9F: an overlong encoding
            high = c == 0xED ? 0x9F : 0xBF; // ED A0..BF: a surrogate (U+D800..DFFF)
        } else if (c >= 0xF0 && c <= 0xF4) {
            continuation = 3;
            low = c == 0xF0 ? 0x90 : 0x80; // F0 80..8F: overlong
            high = c == 0xF4 ? 0x8F : 0xBF; // F4 90..: above U+10FFFF
        } else {
            return false; // a stray continuation byte, C0/C1 (overlong) or F5..FF
        }
        return true;
    }

    /** Follows lines, records and fields (bytes of multi-byte characters are never one of the ASCII bytes looked at). */
    private void follow(int c) {
        boolean lf = c == '\n';
        if (c == '\r' || lf && !afterCr) {
            line++;
        }
        afterCr = c == '\r';
        boolean newline = lf || c == '\r';
        switch (quoting) {
            case QUOTED -> quoting = c == '"' ? Quoting.QUOTE_IN_QUOTED : Quoting.QUOTED;
            case FIELD_START, UNQUOTED, QUOTE_IN_QUOTED -> {
                if (newline) {
                    field = 0;
                    recordLine = line;
                    quoting = Quoting.FIELD_START;
                } else if (c == ',') {
                    field++;
                    quoting = Quoting.FIELD_START;
                } else if (c == '"') {
                    quoting = quoting == Quoting.UNQUOTED ? Quoting.UNQUOTED : Quoting.QUOTED; // "" in a quoted field: a quote
                } else {
                    quoting = Quoting.UNQUOTED;
                }
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }
}
