package com.seatkeeper.console.imports;

import com.seatkeeper.bulkimport.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.web.multipart.MultipartFile;

/**
 * The parts of an upload moved to a directory of their own in the system's temp directory (the servlet container has
 * already streamed them to disk: never whole in memory), for {@code Imports.begin}, which takes them over. Each part is
 * stored as {@code part-<n>}, whatever its name; the name the browser gave (without any directory) travels beside it.
 */
final class StoredUpload {
    private StoredUpload() {
    }

    /** Stores the parts; on failure, removes what was stored and throws. */
    static List<UploadedFile> store(List<MultipartFile> parts) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("seatkeeper-upload-");
            List<UploadedFile> files = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                MultipartFile part = parts.get(i);
                Path target = dir.resolve("part-" + (i + 1));
                part.transferTo(target);
                files.add(new UploadedFile(name(part.getOriginalFilename(), i + 1), target, Files.size(target)));
            }
            return files;
        } catch (IOException e) {
            deleteDirectory(dir);
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes stored parts that no import took over (the upload was refused before it started). */
    static void delete(List<UploadedFile> files) {
        if (!files.isEmpty()) {
            deleteDirectory(files.get(0).path().getParent());
        }
    }

    /** The file's name without any directory a browser may send (a Windows path, say); "upload-n" if none. */
    static String name(String given, int n) {
        String s = given == null ? "" : given.strip();
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        return s.isBlank() ? "upload-" + n : s;
    }

    private static void deleteDirectory(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
