package com.seatkeeper.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.support.CapturedStaging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A quote left open, without Spring: the problem is on the line the quote opens and names only lines the file has (a
 * final line break ends the last line, it starts none), with LF or CRLF, with or without a final line break; a quote
 * never closed is refused even where FastCSV alone would end the value at the end of the file.
 */
class UnterminatedQuoteTest {
    private static final Pattern LINE_NUMBERS = Pattern.compile("(?i)\\blines? (\\d+)(?: to (\\d+))?");
    private static final String HEADER = "school,role,givenName,familyName,email,className,teacherEmail,productCodes";
    private static final String GOOD = "Lincoln Elementary,student,Cy,Dee,cy@example.org,,,";

    @TempDir
    Path dir;

    static Stream<Arguments> neverClosed() {
        return Stream.of("\n", "\r\n").flatMap(eol -> Stream.of(true, false).flatMap(finalBreak -> Stream.of(
                Arguments.of("in the middle" + name(eol, finalBreak), file(eol, finalBreak, HEADER,
                        "Lincoln Elementary,student,\"Open,Q,q1@example.org,,,", GOOD), 2L),
                Arguments.of("in the middle of a longer file" + name(eol, finalBreak), file(eol, finalBreak, HEADER, GOOD,
                        "Lincoln Elementary,student,\"Open,Q,q1@example.org,,,", GOOD, GOOD.replace("Cy", "Di"), GOOD.replace("cy@", "di@"),
                        GOOD.replace("Dee", "Eff"), GOOD, GOOD), 3L),
                Arguments.of("on the last line, in its last field" + name(eol, finalBreak), file(eol, finalBreak, HEADER, GOOD,
                        "Lincoln Elementary,student,Al,Bee,al@example.org,,,\"MATH-PLUS"), 3L),
                Arguments.of("on the last line, in its third field" + name(eol, finalBreak), file(eol, finalBreak, HEADER, GOOD,
                        "Lincoln Elementary,student,\"Open,Q,q1@example.org,,,"), 3L))));
    }

    @ParameterizedTest(name = "a quote never closed {0}")
    @MethodSource("neverClosed")
    void aQuoteNeverClosedIsRefusedAtItsLineNamingOnlyLinesTheFileHas(String name, String csv, long opened) throws IOException {
        Read r = readTemplate(csv);

        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("unterminated_quote");
            assertThat(p.line()).isEqualTo(opened);
            assertThat(p.message()).contains("A quote opened on line " + opened + " is never closed (the file ends inside it)",
                    "line " + opened + " and every line after it were not");
            assertThat(lineNumbers(p.message())).allSatisfy(n -> assertThat(n).isBetween(1L, lines(csv)));
        });
        assertThat(r.staged().licenses).as("nothing of the open quote is read as a value").isEmpty();
        assertThat(r.staged().people).extracting(Staged.Person::sourcedId)
                .containsExactlyElementsOf(opened == 2 ? List.of() : List.of("cy@example.org"));
    }

    static Stream<Arguments> closedLinesLater() {
        return Stream.of("\n", "\r\n").flatMap(eol -> Stream.of(true, false).flatMap(finalBreak -> Stream.of(
                Arguments.of("one line later" + name(eol, finalBreak), file(eol, finalBreak, HEADER,
                        "Lincoln Elementary,student,\"Open", "Q\",q1@example.org,,,", GOOD), 3L),
                Arguments.of("three lines later" + name(eol, finalBreak), file(eol, finalBreak, HEADER,
                        "Lincoln Elementary,student,\"Open", "Q", "R", "S\",q1@example.org,,,", GOOD), 5L))));
    }

    @ParameterizedTest(name = "a quote closed {0}")
    @MethodSource("closedLinesLater")
    void aQuoteClosedLinesLaterNamesTheLinesItSwallowedAndTheRowsAfterAreRead(String name, String csv, long closed)
            throws IOException {
        Read r = readTemplate(csv);

        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("unterminated_quote");
            assertThat(p.line()).isEqualTo(2L);
            assertThat(p.message()).contains("A quote opened on line 2 (field 3, givenName) is only closed on line " + closed,
                    closed == 3 ? "so line 3 of roster.csv was not read as a row" : "so lines 3 to " + closed + " of roster.csv were not");
            assertThat(lineNumbers(p.message())).allSatisfy(n -> assertThat(n).isBetween(1L, lines(csv)));
        });
        assertThat(r.staged().people).extracting(Staged.Person::sourcedId).contains("cy@example.org");
    }

    static Stream<Arguments> manifests() {
        String manifest = String.join("\n", OneRosterReaderTest.VALID.get("manifest.csv").strip().lines().toList());
        return Stream.of("\n", "\r\n").flatMap(eol -> Stream.of(true, false).flatMap(finalBreak -> Stream.of(
                Arguments.of("on line 9" + name(eol, finalBreak),
                        eol(manifest.replace("file.enrollments,bulk", "file.enrollments,\"bulk"), eol, finalBreak), 9L),
                Arguments.of("on line 10" + name(eol, finalBreak),
                        eol(manifest.replace("file.demographics,absent", "file.demographics,\"absent"), eol, finalBreak), 10L))));
    }

    @ParameterizedTest(name = "a 10-line manifest with a quote never closed {0}")
    @MethodSource("manifests")
    void aManifestsQuoteNeverClosedNamesOnlyItsLines(String name, String manifest, long opened) throws IOException {
        Map<String, Object> files = new LinkedHashMap<>(OneRosterReaderTest.VALID);
        files.put("manifest.csv", manifest);
        Path set = Files.createTempDirectory(dir, "set");
        Map<String, Path> paths = new LinkedHashMap<>();
        for (var f : files.entrySet()) {
            Path p = set.resolve(f.getKey());
            Files.writeString(p, (String) f.getValue(), StandardCharsets.UTF_8);
            paths.put(f.getKey(), p);
        }
        var r = OneRosterReaderTest.readPaths(paths);

        assertThat(lines(manifest)).isEqualTo(10L);
        assertThat(r.errors()).filteredOn(p -> p.code().equals("unterminated_quote")).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("manifest.csv");
            assertThat(p.line()).isEqualTo(opened);
            assertThat(lineNumbers(p.message())).allSatisfy(n -> assertThat(n).isBetween(1L, 10L));
        });
    }

    record Read(CapturedStaging staged, Problems problems) {
        List<Problem> errors() {
            return problems.listed().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        }
    }

    private Read readTemplate(String csv) throws IOException {
        Path file = Files.createTempFile(dir, "roster", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Problems problems = new Problems();
        CapturedStaging staged = new CapturedStaging();
        new TemplateReader("roster.csv", file, TemplateReaderTest.SCHOOLS, TemplateReaderTest.CODES, problems).read(staged);
        return new Read(staged, problems);
    }

    private static String name(String eol, boolean finalBreak) {
        return (eol.equals("\n") ? ", LF" : ", CRLF") + (finalBreak ? ", ending with a line break" : ", without a final line break");
    }

    private static String file(String eol, boolean finalBreak, String... lines) {
        return eol(String.join("\n", lines), eol, finalBreak);
    }

    private static String eol(String text, String eol, boolean finalBreak) {
        return text.replace("\n", eol) + (finalBreak ? eol : "");
    }

    /** The lines a text has: a final line break ends the last line and starts none. */
    private static long lines(String text) {
        return text.lines().count();
    }

    private static List<Long> lineNumbers(String message) {
        List<Long> numbers = new ArrayList<>();
        Matcher m = LINE_NUMBERS.matcher(message);
        while (m.find()) {
            numbers.add(Long.parseLong(m.group(1)));
            if (m.group(2) != null) {
                numbers.add(Long.parseLong(m.group(2)));
            }
        }
        return numbers;
    }
}
