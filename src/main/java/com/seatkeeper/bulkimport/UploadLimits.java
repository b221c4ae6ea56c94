package com.seatkeeper.bulkimport;

import java.util.Optional;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Which limit of a multipart upload a failure to read it stands for, judged by its cause chain (Tomcat wraps its
 * {@code FileCountLimitExceededException} and size exceptions in an {@code IllegalStateException}, Spring in a
 * {@code MultipartException}): for the API ({@link ImportController}) and the console's Upload page alike.
 */
public final class UploadLimits {
    /** The limit an upload went over. */
    public enum Exceeded {
        /** More parts than {@code server.tomcat.max-part-count}: answer 400 {@code too_many_files} (zip the files). */
        TOO_MANY_FILES,
        /** More bytes than {@code seatkeeper.imports.max-upload-bytes}: answer 413 {@code upload_too_large}. */
        TOO_LARGE
    }

    private UploadLimits() {}

    /**
     * The limit {@code failure} (or one of its causes) reports, or empty when it reports none (another unreadable body).
     * The part count is looked for first: Tomcat's count exception is a kind of size exception.
     */
    public static Optional<Exceeded> classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FileCountLimitExceededException) {
                return Optional.of(Exceeded.TOO_MANY_FILES);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SizeException || t instanceof MaxUploadSizeExceededException) {
                return Optional.of(Exceeded.TOO_LARGE);
            }
        }
        return Optional.empty();
    }
}
