package com.seatkeeper.bulkimport;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.shared.ByteSizes;
import com.seatkeeper.shared.Text;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Turns the parts of an upload into the CSV files to read, in a directory of the run: CSV parts are taken as they are,
 * a zip part is extracted. The zip's safety rules (issue 9 §2), each refusing the whole upload with a problem:
 * <ul>
 *   <li>{@code unsafe_zip_path}: an entry whose path leaves the archive ({@code ..}, an absolute path, a drive letter);</li>
 *   <li>{@code zip_too_deep}: an entry in a folder of a folder (a zip of one folder is fine: files are taken by name);</li>
 *   <li>{@code nested_archive}: an entry that is itself an archive (by name or by its first bytes);</li>
 *   <li>{@code zip_too_large}: more than {@code max-uncompressed-bytes} in all, counted while extracting (the sizes an
 *   entry's header declares are never trusted);</li>
 *   <li>{@code zip_bomb}: more than {@code max-compression-ratio} times the zip's own size once past 1 MiB;</li>
 *   <li>{@code unreadable_zip}: a part named .zip that is not one (empty, text, other bytes: by its first bytes), is cut
 *   short (no end of central directory record), damaged or protected by a password;</li>
 *   <li>{@code empty_upload}: a zip without any CSV file (naming what it holds), or an upload without any file;</li>
 *   <li>{@code duplicate_file}, {@code unsupported_file}.</li>
 * </ul>
 * Hidden entries and macOS's {@code __MACOSX/} folder are skipped.
 */
final class UploadUnpacker {
    /** Limits of an upload's contents (application properties {@code seatkeeper.imports.*}). */
    record Limits(long maxUncompressedBytes, long maxCompressionRatio) {}

    private static final long RATIO_FLOOR = 1024 * 1024;
    private static final int MAX_ENTRIES = 200;
    private static final Pattern ARCHIVE_NAME = Pattern.compile("(?i).*\\.(zip|jar|gz|tgz|tar|7z|rar|bz2|xz)$");
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};

    private UploadUnpacker() {}

    /**
     * The files of the upload by name (e.g. {@code users.csv}), stored in {@code dir}; empty when the upload is refused
     * (problems added). Never reads more than the limits allow.
     */
    static Optional<Map<String, Path>> unpack(List<UploadedFile> parts, Path dir, Limits limits, Problems problems) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (UploadedFile part : parts) {
            String name = baseName(part.name());
            if (isZip(part)) {
                Optional<String> notZip = notAZip(part);
                if (notZip.isPresent()) {
                    problems.add(zipProblem(name, "unreadable_zip", Text.excerpt(name) + " " + notZip.get() + ". Nothing was "
                            + "read. Zip the CSV files again (e.g. Compress or Send to > Compressed folder) and upload the .zip it "
                            + "makes, or upload the CSV files themselves."));
                    return Optional.empty();
                }
                int before = files.size();
                List<String> ignored = new ArrayList<>();
                if (!extract(name, part, dir, limits, files, ignored, problems)) {
                    return Optional.empty();
                }
                if (files.size() == before) {
                    problems.add(zipProblem(name, "empty_upload", Text.excerpt(name) + (ignored.isEmpty() ? " holds no files" : " holds no CSV file "
                            + "(only " + String.join(", ", ignored.subList(0, Math.min(10, ignored.size())).stream().map(Text::excerpt).toList())
                            + (ignored.size() > 10 ? " and " + (ignored.size() - 10) + " more" : "") + ")") + ". Zip the OneRoster "
                            + "CSV files (manifest.csv, users.csv...) or the template CSV, or upload them without a zip."));
                    return Optional.empty();
                }
            } else if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                if (!add(files, name, part.path(), null, problems)) {
                    return Optional.empty();
                }
            } else {
                String excel = name.toLowerCase(Locale.ROOT).matches(".*\\.(xlsx|xls|xlsm|ods|numbers)$")
                        ? " It looks like a spreadsheet: save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8) and upload the .csv."
                        : "";
                problems.add(new Problem(name, null, null, Severity.ERROR, "unsupported_file", Text.excerpt(name) + " is neither a CSV file nor a "
                        + "zip (files are told apart by their name's ending: .csv or .zip)." + excel + " Upload the OneRoster CSV "
                        + "files (or one zip of them) or the template CSV."));
                return Optional.empty();
            }
        }
        if (files.isEmpty()) {
            problems.add(new Problem(null, null, null, Severity.ERROR, "empty_upload", "The upload has no CSV file. Upload the "
                    + "OneRoster CSV files (or one zip of them) or the template CSV."));
            return Optional.empty();
        }
        return Optional.of(files);
    }

    private static boolean isZip(UploadedFile part) throws IOException {
        if (part.name().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(part.path())) {
            return Arrays.equals(in.readNBytes(4), ZIP_MAGIC);
        }
    }

    /**
     * Why a part taken for a zip (by its name) cannot be read as one, as the words after its name ("is not a zip archive:
     * it holds text", "is cut short: ..."), from its first bytes (a zip starts with a local file header,
     * {@code PK 03 04}, or, when it has no entries, an end of central directory, {@code PK 05 06}; PKWARE APPNOTE 4.3):
     * empty when it starts as a zip does.
     */
    static Optional<String> notAZip(UploadedFile part) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(part.path())) {
            head = in.readNBytes(4);
        }
        if (head.length == 0) {
            return Optional.of("is not a zip archive: the file is empty (0 bytes)");
        }
        if (head.length < 4) {
            return Optional.of("is not a zip archive: it has only " + head.length + " bytes");
        }
        if (Arrays.equals(head, ZIP_MAGIC) || Arrays.equals(head, EMPTY_ZIP_MAGIC)) {
            return hasEnd(part.path()) ? Optional.empty() : Optional.of("is cut short: its end (the zip's table of contents) is "
                    + "missing, as after an interrupted download or copy");
        }
        boolean text = true;
        for (byte b : head) {
            text &= (b >= 0x20 && b < 0x7f) || b == '\t' || b == '\r' || b == '\n' || (b & 0xff) >= 0x80;
        }
        return Optional.of("is not a zip archive: " + (text ? "it holds text (a CSV or other text file renamed .zip?)"
                : "its first bytes are not those of a zip"));
    }

    /**
     * True when the file ends with a zip's end of central directory record ({@code PK 05 06}, within the last 22 + 65,535
     * bytes: the record and its comment; PKWARE APPNOTE 4.3.16), which every complete zip has, ZIP64 too.
     */
    private static boolean hasEnd(Path zip) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(zip)) {
            long size = ch.size();
            int n = (int) Math.min(size, 22 + 65_535);
            ByteBuffer tail = ByteBuffer.allocate(n);
            ch.position(size - n);
            while (tail.hasRemaining() && ch.read(tail) > 0) {
                // read the tail
            }
            byte[] b = tail.array();
            for (int i = n - 22; i >= 0; i--) {
                if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean extract(String zipName, UploadedFile zip, Path dir, Limits limits, Map<String, Path> files, List<String> ignored,
                                   Problems problems) throws IOException {
        long zipSize = Math.max(1, Files.size(zip.path()));
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip.path()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String path = entry.getName().replace('\\', '/');
                Optional<String> refusal = pathProblem(path);
                if (refusal.isPresent()) {
                    problems.add(zipProblem(zipName, "unsafe_zip_path", "The zip entry \"" + Text.excerpt(entry.getName()) + "\" " + refusal.get()
                            + ". Nothing was read: zip the CSV files themselves (or one folder of them)."));
                    return false;
                }
                String[] segments = path.split("/");
                String name = segments[segments.length - 1];
                if (entry.isDirectory() || path.startsWith("__MACOSX/") || name.startsWith(".")) {
                    continue;
                }
                if (segments.length > 2) {
                    problems.add(zipProblem(zipName, "zip_too_deep", "The zip entry \"" + Text.excerpt(path) + "\" is in a folder within a folder. "
                            + "Zip the CSV files themselves, or one folder that holds them."));
                    return false;
                }
                if (++entries > MAX_ENTRIES) {
                    problems.add(zipProblem(zipName, "zip_too_many_files", "The zip has more than " + MAX_ENTRIES + " files; a "
                            + "OneRoster set has about a dozen."));
                    return false;
                }
                if (ARCHIVE_NAME.matcher(name).matches()) {
                    problems.add(zipProblem(zipName, "nested_archive", "The zip holds another archive (" + Text.excerpt(path) + "). Put the CSV "
                            + "files themselves in one zip."));
                    return false;
                }
                Path target = dir.resolve("zip-" + files.size() + "-" + entries + ".csv");
                try (OutputStream out = Files.newOutputStream(target)) {
                    boolean first = true;
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (first && n >= 4 && Arrays.equals(Arrays.copyOf(buffer, 4), ZIP_MAGIC)) {
                            problems.add(zipProblem(zipName, "nested_archive", "The zip entry " + Text.excerpt(path) + " is itself a zip. Put the "
                                    + "CSV files themselves in one zip."));
                            return false;
                        }
                        first = false;
                        total += n;
                        if (total > limits.maxUncompressedBytes()) {
                            problems.add(zipProblem(zipName, "zip_too_large", "The zip holds more than "
                                    + ByteSizes.readable(limits.maxUncompressedBytes()) + " once extracted (the limit, "
                                    + "seatkeeper.imports.max-uncompressed-bytes). Split the roster or ask support to raise the limit."));
                            return false;
                        }
                        if (total > RATIO_FLOOR && total / zipSize > limits.maxCompressionRatio()) {
                            problems.add(zipProblem(zipName, "zip_bomb", "The zip extracts to more than "
                                    + limits.maxCompressionRatio() + " times its own size, which CSV files never do (a zip bomb?). "
                                    + "Nothing was read."));
                            return false;
                        }
                        out.write(buffer, 0, n);
                    }
                }
                if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    ignored.add(path);
                    problems.add(Problem.warning(new RowAt(zipName, 1), null, "file_ignored",
                            "The zip entry " + Text.excerpt(path) + " is not a CSV file and was ignored."));
                    Files.deleteIfExists(target);
                    continue;
                }
                if (!add(files, name, target, zipName, problems)) {
                    return false;
                }
            }
        } catch (EOFException e) {
            problems.add(zipProblem(zipName, "unreadable_zip", zipName + " is cut short: it ends inside one of its files (an "
                    + "interrupted download or copy?). Nothing was read. Make the zip again, or upload the CSV files themselves."));
            return false;
        } catch (ZipException e) {
            String why = e.getMessage() != null && e.getMessage().contains("encrypted") ? "it is protected by a password"
                    : "its contents are damaged (" + e.getMessage() + ")";
            problems.add(zipProblem(zipName, "unreadable_zip", zipName + " is not a readable zip: " + why + ". Nothing was read. "
                    + "Make the zip again without a password, or upload the CSV files themselves."));
            return false;
        }
        return true;
    }

    /** Why an entry's path is unsafe (it would leave the extraction folder), or empty when it is safe. */
    static Optional<String> pathProblem(String path) {
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            return Optional.of("has an absolute path");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("leaves the archive (\"..\" in its path)");
            }
        }
        if (path.indexOf('\0') >= 0) {
            return Optional.of("has a NUL character in its path");
        }
        return Optional.empty();
    }

    private static boolean add(Map<String, Path> files, String name, Path path, String zipName, Problems problems) {
        boolean clash = files.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name));
        if (clash) {
            problems.add(new Problem(zipName == null ? name : zipName, null, null, Severity.ERROR, "duplicate_file", "The upload has "
                    + Text.excerpt(name) + " twice. Upload each file once."));
            return false;
        }
        files.put(name, path);
        return true;
    }

    private static Problem zipProblem(String zipName, String code, String message) {
        return new Problem(zipName, null, null, Severity.ERROR, code, message);
    }

    /** The file name without any folder a browser or client put in front of it (e.g. a Windows path before the name). */
    static String baseName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
