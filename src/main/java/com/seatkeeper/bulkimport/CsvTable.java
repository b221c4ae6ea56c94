package com.seatkeeper.bulkimport;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.shared.Text;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CSV file of an upload, read row by row with FastCSV (RFC 4180: quoted fields, also multi-line; CRLF, LF or a mix;
 * a missing final newline), checked against its {@link Spec}:
 * <ul>
 *   <li>the header: a UTF-8 BOM is dropped (warning {@code utf8_bom}); names are matched ignoring case and surrounding
 *   blanks; {@code metadata.*} and {@code ext_*} columns are ignored; empty names at the end are dropped (warning
 *   {@code trailing_empty_columns}); a required column that is missing is an error {@code missing_column}, a name that is
 *   no column but close to one (Levenshtein distance at most 2) an error {@code misspelt_header} naming the nearest
 *   column, any other unknown name a warning {@code unknown_column};</li>
 *   <li>every row: more fields than the header is tolerated when the extra ones are empty (warning
 *   {@code trailing_empty_columns}, once per file), otherwise an error {@code wrong_column_count}, as is a row with fewer;
 *   bytes that are not UTF-8 stop the file with an error {@code invalid_utf8} at the line and column where they are; so
 *   does a record FastCSV cannot parse (a field too long, a quote never closed before the end of the file...), at its
 *   line and column; a quote closed only lines later, which swallows those lines into one row too short for the header,
 *   is an error {@code unterminated_quote} (the row refused as a whole: no column) naming the lines it swallowed. Line
 *   numbers in problems are always lines the file has (a final line break ends the last line, it starts none).</li>
 * </ul>
 * A file that stops (or whose header has errors) is not {@linkplain #readWhole() read whole}: every row before the
 * record that stopped it was read and handed on, and its problem says exactly which rows were read and that references
 * to its records are not checked (the reader tells the engine so: a person on a line never read is not unknown).
 * Nothing but the current row is held in memory.
 */
final class CsvTable {
    /** The columns a file may have, and those it must have (as the standard spells them). */
    record Spec(String file, List<String> columns, Set<String> required) {
        Spec {
            columns = List.copyOf(columns);
            required = Set.copyOf(required);
        }

        static Spec of(String file, String columns, String required) {
            return new Spec(file, List.of(columns.split(",")), required.isEmpty() ? Set.of() : Set.of(required.split(",")));
        }
    }

    /** A data row: its place and its values by column (blank for a column the file does not have). */
    record Row(RowAt at, Map<String, Integer> index, List<String> fields) {
        /** The value of the column as given (never null; empty when absent or blank). */
        String raw(String column) {
            Integer i = index.get(column);
            return i == null || i >= fields.size() ? "" : fields.get(i);
        }

        /** The value with surrounding blanks removed. */
        String get(String column) {
            return raw(column).strip();
        }

        boolean has(String column) {
            return !get(column).isEmpty();
        }
    }

    /**
     * The most characters a field may have (1 Mi; a longer one is {@code field_too_long}). Below FastCSV's buffer (16 Mi) so
     * that FastCSV says which field it is; no roster value comes near it.
     */
    static final int MAX_FIELD_CHARS = 1024 * 1024;
    private static final Pattern STARTING_LINE = Pattern.compile("starting (?:at |in )?line (\\d+)|started in line (\\d+)");
    private static final Pattern FIELD_INDEX = Pattern.compile("Field at index (\\d+)");

    private final String file;
    private final Path path;
    private final Problems problems;
    private Map<String, Integer> index;
    private int width;
    private boolean usable;
    private boolean whole;
    /** Whether a quote left open swallowed lines into one row (they were never read as rows of their own). */
    private boolean swallowed;
    private long rowsRead;
    private Utf8Check check;

    private CsvTable(String file, Path path, Problems problems) {
        this.file = file;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Reads the header of {@code path} (named {@code file} in problems) against the spec. The table is usable unless the
     * header has errors (then no row of it is read: the rows would only repeat the header's problem).
     */
    static CsvTable open(Spec spec, Path path, Problems problems) throws IOException {
        CsvTable t = new CsvTable(spec.file(), path, problems);
        t.readHeader(spec);
        return t;
    }

    /** True when the header has no errors. */
    boolean usable() {
        return usable;
    }

    /**
     * True once {@link #rows} has read every row of the file: false when its header has errors or the file stopped
     * being UTF-8 or CSV before its end (then its records that were not read must not make other rows' references
     * unknown: see {@code Problems.notReadWhole}).
     */
    boolean readWhole() {
        return whole && !swallowed;
    }

    /** True when the file has the column. */
    boolean hasColumn(String column) {
        return index.containsKey(column);
    }

    /** The header's columns as the standard spells them, in file order (unknown ones left out). */
    Set<String> columns() {
        return index.keySet();
    }

    /** Reads every data row in order, giving each well-formed one to {@code rows}; returns how many rows were read. */
    long rows(Consumer<Row> rows) throws IOException {
        return rows(rows, row -> { });
    }

    /**
     * As {@link #rows(Consumer)}, giving each row refused for its shape (the wrong number of fields, a quote left open) to
     * {@code refused}, its fields as they were split (a reader may still take its first field's id, so that rows naming
     * it are not reported again).
     */
    long rows(Consumer<Row> rows, Consumer<Row> refused) throws IOException {
        if (!usable) {
            return 0;
        }
        long count = 0;
        long lastLine = 1;
        boolean warnedTrailing = false;
        try (CsvReader<CsvRecord> reader = reader(path)) {
            Iterator<CsvRecord> it = reader.iterator();
            it.next(); // header, checked already
            while (true) {
                CsvRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException e) {
                    rowsRead = count;
                    invalidUtf8(e, lastLine + 1);
                    return count;
                } catch (CsvParseException e) {
                    rowsRead = count;
                    unparsable(e, lastLine + 1);
                    return count;
                }
                lastLine = r.getStartingLineNumber();
                count++;
                RowAt at = new RowAt(file, r.getStartingLineNumber());
                List<String> fields = r.getFields();
                if (fields.size() == 1 && fields.get(0).isBlank() && width > 1) {
                    count--;
                    continue; // a line of blanks
                }
                if (fields.size() > width) {
                    if (fields.subList(width, fields.size()).stream().allMatch(String::isBlank)) {
                        if (!warnedTrailing) {
                            problems.add(Problem.warning(at, null, "trailing_empty_columns", "Line " + at.line() + " has "
                                    + fields.size() + " fields for " + width + " columns; the empty ones at the end were ignored "
                                    + "(here and on any other line of " + file + ")."));
                            warnedTrailing = true;
                        }
                        fields = fields.subList(0, width);
                    } else {
                        problems.add(Problem.error(at, null, "wrong_column_count", "Line " + at.line() + " has " + fields.size()
                                + " fields but the header has " + width + " columns. Check for an unquoted comma in a value "
                                + "(quote values that contain commas) or a missing field."));
                        refused.accept(new Row(at, index, fields));
                        continue;
                    }
                } else if (fields.size() < width && multiLine(fields) >= 0) {
                    int i = multiLine(fields);
                    long last = at.line() + lineBreaks(fields); // the quote closes on a later line: each break in it is a line
                    swallowed = true; // the lines the quote ran over were never read as rows
                    String column = columnAt(i);
                    String lines = last == at.line() + 1 ? "line " + last + " of " + file + " was" : "lines " + (at.line() + 1) + " to "
                            + last + " of " + file + " were";
                    problems.add(Problem.error(at, null, "unterminated_quote", "A quote opened on line " + at.line() + " (field "
                            + (i + 1) + (column == null ? "" : ", " + column) + ") is only closed on line " + last + ": the row runs on to "
                            + "that line and has " + fields.size() + " fields for " + width + " columns, so " + lines + " not read as a "
                            + "row, and references to its records are not checked until it is corrected. Close the quote where its value "
                            + "ends, or write a quote inside a value twice (\"\")."));
                    refused.accept(new Row(at, index, fields));
                    continue;
                } else if (fields.size() < width) {
                    problems.add(Problem.error(at, null, "wrong_column_count", "Line " + at.line() + " has " + fields.size()
                            + " fields but the header has " + width + " columns. Give every row one field per column "
                            + "(empty fields are fine: two commas in a row)."));
                    refused.accept(new Row(at, index, fields));
                    continue;
                }
                rows.accept(new Row(at, index, fields));
            }
        }
        whole = true;
        return count;
    }

    private void readHeader(Spec spec) throws IOException {
        List<String> header;
        try (CsvReader<CsvRecord> reader = reader(path)) {
            Iterator<CsvRecord> it = reader.iterator();
            if (!it.hasNext()) {
                problems.add(Problem.error(new RowAt(file, 1), null, "empty_file",
                        file + " is empty: it needs at least its header line (" + String.join(",", spec.columns()) + ")."));
                index = Map.of();
                return;
            }
            header = new ArrayList<>(it.next().getFields());
            if (check.hadBom()) {
                problems.add(Problem.warning(new RowAt(file, 1), null, "utf8_bom", file
                        + " starts with a byte order mark (BOM); it was ignored."));
            }
        } catch (UncheckedIOException e) {
            invalidUtf8(e, 1);
            index = Map.of();
            return;
        } catch (CsvParseException e) {
            unparsable(e, 1);
            index = Map.of();
            return;
        }
        RowAt at = new RowAt(file, 1);
        int trailing = 0;
        while (header.size() > 1 && header.get(header.size() - 1).isBlank()) {
            header.remove(header.size() - 1);
            trailing++;
        }
        if (trailing > 0) {
            problems.add(Problem.warning(at, null, "trailing_empty_columns", "The header ends with " + trailing
                    + " column(s) without a name; they were ignored."));
        }
        width = header.size();
        index = new HashMap<>();
        Map<String, String> byLowerCase = new HashMap<>();
        spec.columns().forEach(c -> byLowerCase.put(c.toLowerCase(Locale.ROOT), c));
        Set<String> present = new HashSet<>();
        header.forEach(h -> present.add(h.strip().toLowerCase(Locale.ROOT)));
        Set<String> misspeltFor = new LinkedHashSet<>();
        boolean errors = false;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            String lower = name.toLowerCase(Locale.ROOT);
            String column = byLowerCase.get(lower);
            if (column != null) {
                if (index.putIfAbsent(column, i) != null) {
                    problems.add(Problem.error(at, column, "duplicate_column", "The header names " + column
                            + " twice. Keep one column of that name."));
                    errors = true;
                }
                continue;
            }
            if (lower.startsWith("metadata.") || lower.startsWith("ext_") || lower.startsWith("ext.")) {
                continue; // extension columns: allowed by the standard, not used here
            }
            Optional<String> near = Names.nearest(name, spec.columns(), 2).filter(c -> !present.contains(c.toLowerCase(Locale.ROOT)));
            if (near.isPresent()) {
                misspeltFor.add(near.get());
                problems.add(Problem.error(at, name, "misspelt_header", "The header \"" + Text.excerpt(name) + "\" is not a column of " + file
                        + ". Did you mean \"" + near.get() + "\"? Correct the header's spelling."));
                errors = true;
            } else {
                problems.add(Problem.warning(at, name, "unknown_column", "The column \"" + Text.excerpt(name) + "\" is not one of "
                        + file + " and was ignored."));
            }
        }
        for (String required : spec.required()) {
            if (!index.containsKey(required) && !misspeltFor.contains(required)) {
                problems.add(Problem.error(at, required, "missing_column", file + " has no column \"" + required
                        + "\", which is required. Add it to the header (columns: " + String.join(",", spec.columns()) + ")."));
                errors = true;
            }
        }
        usable = !errors;
        if (errors) {
            problems.add(Problem.warning(at, null, "rows_not_read", "No row of " + file + " was read because its header has errors, "
                    + "and references to its records are not checked: its rows are checked once the header is corrected."));
        }
    }

    /**
     * Adds {@code invalid_utf8} at the place the byte check found (line, and the column of the field when it is in a data
     * row), or at {@code line} when only the decoder found it; rethrows any other I/O failure. The message names the bad
     * byte as Windows-1252 reads it (the usual cause: a file saved as Latin-1 or Windows-1252), says a file saved as UTF-16
     * is one, and says exactly which rows were read.
     */
    private void invalidUtf8(UncheckedIOException e, long line) {
        Throwable cause = e.getCause();
        if (!(cause instanceof Utf8Check.InvalidUtf8) && !(cause instanceof CharacterCodingException)) {
            throw e;
        }
        Utf8Check.InvalidUtf8 bad = cause instanceof Utf8Check.InvalidUtf8 b ? b : null;
        long at = bad == null ? line : bad.line;
        long record = bad == null ? line : bad.recordLine;
        String column = bad == null || record == 1 ? null : columnAt(bad.field);
        String save = " Save the file as UTF-8 (e.g. \"CSV UTF-8\" in Excel) and upload it again.";
        if (utf16() || bad != null && bad.badByte == 0 && record == 1) {
            problems.add(Problem.error(new RowAt(file, 1), null, "invalid_utf8", file + " is saved as UTF-16 (it starts with "
                    + (utf16() ? "UTF-16's byte order mark" : "a NUL byte between letters") + "), not UTF-8: none of it was read, and "
                    + "references to its records are not checked until it can be read." + save));
            return;
        }
        String where = "Line " + at + (bad == null ? "" : ", field " + (bad.field + 1) + (column == null ? "" : " (" + column + ")") + ",");
        problems.add(Problem.error(new RowAt(file, at), column, "invalid_utf8", where + " has bytes that are not UTF-8" + byteShown(bad)
                + "." + readUpTo(record) + save));
    }

    /** The bad byte and what it is in Windows-1252 (a superset of Latin-1's letters), e.g. " (the byte E9: "é" in Windows-1252)". */
    private static String byteShown(Utf8Check.InvalidUtf8 bad) {
        if (bad == null || bad.badByte < 0) {
            return bad == null ? "" : " (the file ends inside a character)";
        }
        if (bad.badByte == 0) {
            return " (a NUL byte, which no text holds)";
        }
        String latin = new String(new byte[] {(byte) bad.badByte}, Charset.forName("windows-1252"));
        boolean shown = !latin.isBlank() && Character.isLetterOrDigit(latin.codePointAt(0)) || "€‚„…†‡‰‹›‘’“”•–—˜™".contains(latin);
        return String.format(" (the byte %02X%s)", bad.badByte, shown ? ": \"" + latin + "\" in Windows-1252, so the file was probably "
                + "saved in that encoding" : "");
    }

    /** Whether the file starts with UTF-16's byte order mark (FF FE or FE FF). */
    private boolean utf16() {
        try (var in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                    || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What was read of a file that stopped at the record starting on {@code line}: the rows before it (each handed on and
     * checked), nothing from it on; references to the file's records are not checked.
     */
    private String readUpTo(long line) {
        String unchecked = "references to its records are not checked until it can be read whole (its other rows are checked then).";
        if (line <= 1) {
            return " None of " + file + " was read, and " + unchecked;
        }
        String read = rowsRead == 0 ? " No row of " + file + " was read (line " + line + " is its first)"
                : rowsRead == 1 ? " Only the row of " + file + " before line " + line + " was read"
                : " Only the " + rowsRead + " rows of " + file + " before line " + line + " were read";
        return read + "; line " + line + " and every line after it were not, and " + unchecked;
    }

    /**
     * Adds the problem of a record FastCSV could not parse, at the line its record starts on (FastCSV says it in its
     * message; {@code line} when it does not) and, for a field, its column: {@code field_too_long} (over
     * {@link #MAX_FIELD_CHARS}), {@code unterminated_quote} (a quote opened and never closed), {@code text_after_quote}
     * (a character after a closing quote), {@code too_many_fields}, else {@code unparsable_csv}; each says which rows
     * were read ({@link #readUpTo}).
     */
    private void unparsable(CsvParseException e, long line) {
        String message = "";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CsvParseException && t.getMessage() != null) {
                message = t.getMessage(); // the innermost says what is wrong
            }
        }
        Matcher lineMatch = STARTING_LINE.matcher(message);
        long at = lineMatch.find() ? Long.parseLong(lineMatch.group(1)) : line;
        Matcher fieldMatch = FIELD_INDEX.matcher(message);
        String column = null;
        String where = "Line " + at;
        if (fieldMatch.find()) {
            int i = Integer.parseInt(fieldMatch.group(1));
            column = columnAt(i);
            where = "Line " + at + ", field " + (i + 1) + (column == null ? "" : " (" + column + ")") + ",";
        }
        RowAt row = new RowAt(file, at);
        if (message.contains("max field size") || message.contains("max record size") || message.contains("maximum buffer size")) {
            problems.add(Problem.error(row, column, "field_too_long", where + " is longer than " + MAX_FIELD_CHARS + " characters, "
                    + "the most a field may have. Usually a quote opened there is never closed: check the quotes of that line "
                    + "(a quote inside a value is written twice: \"\")." + readUpTo(at)));
        } else if (message.contains("Unclosed quoted field")) {
            problems.add(Problem.error(row, column, "unterminated_quote", "A quote opened on line " + at + " is never closed "
                    + "(the file ends inside it). Close the quote, or write a quote inside a value twice (\"\")." + readUpTo(at)));
        } else if (message.contains("after closing quote")) {
            problems.add(Problem.error(row, column, "text_after_quote", "Line " + at + " has text after a closing quote. Quote the "
                    + "whole value (\"like this\"), and write a quote inside it twice (\"\")." + readUpTo(at)));
        } else if (message.contains("maximum limit of") && message.contains("fields")) {
            problems.add(Problem.error(row, column, "too_many_fields", "Line " + at + " has more fields than a CSV row may have. "
                    + "Check that the file is CSV with commas between the fields." + readUpTo(at)));
        } else {
            problems.add(Problem.error(row, column, "unparsable_csv", "Line " + at + " is not valid CSV (RFC 4180). Check its quotes "
                    + "and commas, or save the file again as CSV UTF-8." + readUpTo(at)));
        }
    }

    /** How many line breaks (CRLF, LF or CR) the fields hold. */
    private static long lineBreaks(List<String> fields) {
        long n = 0;
        for (String f : fields) {
            for (int c = 0; c < f.length(); c++) {
                char ch = f.charAt(c);
                if (ch == '\n' || ch == '\r' && (c + 1 == f.length() || f.charAt(c + 1) != '\n')) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The index of the first field that spans lines (a quote left open swallows the line ends after it), or -1. */
    private static int multiLine(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).indexOf('\n') >= 0 || fields.get(i).indexOf('\r') >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The standard's name of the column at a field index of the file, or null (a header field or an unknown column). */
    private String columnAt(int i) {
        if (index == null) {
            return null;
        }
        return index.entrySet().stream().filter(e -> e.getValue() == i).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /**
     * A reader that decodes strict UTF-8 (malformed bytes are an error with their line, never replaced); no BOM. A quote
     * still open at the end of the file is FastCSV's {@code CsvParseException} at the line it opened (FastCSV would
     * otherwise end the field there in silence: a value that swallowed the lines after it, or one cut short).
     */
    private CsvReader<CsvRecord> reader(Path path) throws IOException {
        check = new Utf8Check(Files.newInputStream(path));
        Reader decoder = new InputStreamReader(check, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        return CsvReader.builder().allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true).allowUnclosedQuote(false)
                .build(CsvRecordHandler.builder().maxFieldSize(MAX_FIELD_CHARS).build(), decoder);
    }
}
