package com.seatkeeper.console.licenses;

/**
 * CSV for spreadsheets: every field quoted (quotes doubled), and a field that a spreadsheet
 * would read as a formula (starting with = + - @, tab or carriage return) prefixed with an
 * apostrophe, so that a name like {@code =HYPERLINK(...)} stays text (CSV/formula injection). Used by every CSV download
 * of the console (license holders, an upload's problems).
 */
public final class Csv {
    private Csv() {}

    public static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    public static String row(String... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(values[i]));
        }
        return sb.append("\r\n").toString();
    }
}
