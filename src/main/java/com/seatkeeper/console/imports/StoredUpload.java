package com.seatkeeper.console.imports;

import com.seatkeeper.bulkimport.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/**
 * The parts of an upload moved to files of their own in the system's temp directory (the servlet container has already
 * streamed them to disk: never whole in memory), for {@code Imports.begin}, which takes them over and deletes them when
 * it has read them. Each part is a file {@code seatkeeper-upload-<random>.part}, whatever its name, straight in the temp
 * directory: no folder of the console's is left behind once the import has deleted its files. The name the browser gave
 * (without any directory) travels beside it.
 */
final class StoredUpload {
    /** The start of the stored parts' file names. */
    static final String PREFIX = "seatkeeper-upload-";

    private StoredUpload() {
    }

    /** Stores the parts; on failure, removes what was stored and throws. */
    static List<UploadedFile> store(List<MultipartFile> parts) {
        List<UploadedFile> files = new ArrayList<>();
        Path target = null;
        try {
            for (int i = 0; i < parts.size(); i++) {
                MultipartFile part = parts.get(i);
                target = Files.createTempFile(PREFIX, ".part");
                part.transferTo(target);
                files.add(new UploadedFile(name(part.getOriginalFilename(), i + 1), target, Files.size(target)));
            }
            return files;
        } catch (IOException e) {
            delete(files);
            if (target != null) {
                target.toFile().delete();
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes stored parts that no import took over (the upload was refused before it started). */
    static void delete(List<UploadedFile> files) {
        for (UploadedFile f : files) {
            try {
                Files.deleteIfExists(f.path());
            } catch (IOException e) {
                f.path().toFile().deleteOnExit();
            }
        }
    }

    /** The file's name without any directory a browser may send (a Windows path, say); "upload-n" if none. */
    static String name(String given, int n) {
        String s = given == null ? "" : given.strip();
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        return s.isBlank() ? "upload-" + n : s;
    }
}
