package com.seatkeeper.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload's zip safety, without Spring: paths that leave the archive, nested archives, depth and zip bombs. */
class UploadUnpackerTest {
    static final UploadUnpacker.Limits LIMITS = new UploadUnpacker.Limits(4L << 30, 100);

    @TempDir
    Path dir;

    /** Writes a zip of the given entries (name → content) and gives it as an uploaded part. */
    static UploadedFile zip(Path dir, String name, Map<String, byte[]> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return new UploadedFile(name, zip, Files.size(zip));
    }

    /** A zip whose one entry extracts to {@code bytes} zeros, written without holding them in memory. */
    static UploadedFile bomb(Path dir, long bytes) throws IOException {
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("users.csv"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.length) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        return new UploadedFile("bomb.zip", zip, Files.size(zip));
    }

    Optional<Map<String, Path>> unpack(Problems problems, UploadedFile... parts) throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        return UploadUnpacker.unpack(List.of(parts), out, LIMITS, problems);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aZipOfOneFolderIsExtractedByFileName() throws IOException {
        Problems problems = new Problems();
        var files = unpack(problems, zip(dir, "roster.zip", Map.of("export/manifest.csv", bytes("propertyName,value\n"),
                "export/users.csv", bytes("sourcedId\n"), "__MACOSX/export/._users.csv", bytes("x"), "export/readme.txt", bytes("hi"))));

        assertThat(files.orElseThrow()).containsOnlyKeys("manifest.csv", "users.csv");
        assertThat(Files.readString(files.get().get("users.csv"))).isEqualTo("sourcedId\n");
        assertThat(problems.listed()).extracting(Problem::code).containsExactly("file_ignored");
    }

    @Test
    void entriesThatLeaveTheArchiveAreRefused() throws IOException {
        for (String path : List.of("../users.csv", "export/../../users.csv", "/etc/users.csv", "C:/users.csv", "..\\users.csv")) {
            Problems problems = new Problems();

            assertThat(unpack(problems, zip(dir, "evil.zip", Map.of(path, bytes("x"))))).as(path).isEmpty();
            assertThat(problems.listed()).as(path).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo("unsafe_zip_path");
                assertThat(p.file()).isEqualTo("evil.zip");
            });
        }
        assertThat(dir.getParent().resolve("users.csv")).doesNotExist();
    }

    @Test
    void nestedArchivesAndDeepFoldersAreRefused() throws IOException {
        Problems nestedByName = new Problems();
        unpack(nestedByName, zip(dir, "a.zip", Map.of("inner.zip", bytes("x"))));
        Problems nestedByContent = new Problems();
        byte[] inner = Files.readAllBytes(zip(dir, "inner.zip", Map.of("users.csv", bytes("x"))).path());
        unpack(nestedByContent, zip(dir, "b.zip", Map.of("users.csv", inner)));
        Problems deep = new Problems();
        unpack(deep, zip(dir, "c.zip", Map.of("a/b/users.csv", bytes("x"))));

        assertThat(nestedByName.listed()).extracting(Problem::code).containsExactly("nested_archive");
        assertThat(nestedByContent.listed()).extracting(Problem::code).containsExactly("nested_archive");
        assertThat(deep.listed()).extracting(Problem::code).containsExactly("zip_too_deep");
    }

    @Test
    void aZipBombIsRefusedWhileExtractingByItsRatio() throws IOException {
        UploadedFile bomb = bomb(dir, 64L << 20); // 64 MiB of zeros: about 64 KiB zipped
        Problems problems = new Problems();
        Path out = Files.createTempDirectory(dir, "out");

        assertThat(UploadUnpacker.unpack(List.of(bomb), out, LIMITS, problems)).isEmpty();
        assertThat(problems.listed()).extracting(Problem::code).containsExactly("zip_bomb");
        try (var written = Files.walk(out)) {
            assertThat(written.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum()).isLessThan(8L << 20); // stopped at 100 × the zip's size, far before 64 MiB
        }
    }

    @Test
    void aZipOverTheUncompressedLimitIsRefused() throws IOException {
        Problems problems = new Problems();
        Path out = Files.createTempDirectory(dir, "out");
        UploadedFile big = zip(dir, "big.zip", Map.of("users.csv", new byte[3 << 20]));

        UploadUnpacker.unpack(List.of(big), out, new UploadUnpacker.Limits(2L << 20, 100_000), problems);

        assertThat(problems.listed()).extracting(Problem::code).containsExactly("zip_too_large");
    }

    @Test
    void csvPartsAreTakenAsTheyAreAndOtherFilesRefused() throws IOException {
        Path csv = dir.resolve("upload-1");
        Files.writeString(csv, "sourcedId\n");
        Path pdf = dir.resolve("upload-2");
        Files.writeString(pdf, "%PDF");
        Problems ok = new Problems();
        Problems refused = new Problems();
        Problems twice = new Problems();

        var files = unpack(ok, new UploadedFile("C:\\fakepath\\users.csv", csv, 10));
        unpack(refused, new UploadedFile("roster.pdf", pdf, 4));
        unpack(twice, new UploadedFile("users.csv", csv, 10), new UploadedFile("USERS.csv", csv, 10));

        assertThat(files.orElseThrow()).containsOnlyKeys("users.csv");
        assertThat(refused.listed()).extracting(Problem::code).containsExactly("unsupported_file");
        assertThat(twice.listed()).extracting(Problem::code).containsExactly("duplicate_file");
    }

    static void write(OutputStream out, String s) throws IOException {
        out.write(bytes(s));
    }
}
