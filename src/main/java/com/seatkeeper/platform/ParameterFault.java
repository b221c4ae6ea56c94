package com.seatkeeper.platform;

import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.Parameters;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.res.StringManager;

/**
 * Why Tomcat could not read a request's query parameters and form fields, from the {@link InvalidParameterException} it
 * throws (Tomcat 11: {@code org.apache.tomcat.util.http.Parameters} and {@code org.apache.catalina.connector.Request}).
 */
enum ParameterFault {
    /** More parameters than the connector's {@code maxParameterCount} (query and form together). */
    TOO_MANY,
    /**
     * A multipart body of more parts than the connector's {@code maxPartCount}: Tomcat reports it with error code 413
     * like a size, with its {@link FileCountLimitExceededException} as the cause.
     */
    TOO_MANY_PARTS,
    /** A form body larger than the connector's {@code maxPostSize} (Tomcat's error code 413). */
    TOO_LARGE,
    /** A name or value that cannot be decoded: a bad {@code %} escape, bytes that are not UTF-8, a value without a name. */
    MALFORMED,
    /** The body could not be read to its end (the client stopped sending, or sent less than its Content-Length). */
    UNREADABLE;

    /**
     * The cause of {@code e}, a plain function of what Tomcat put in it: a part count exception as the cause is the
     * number of parts; else error code 413 is the size; a cause of Tomcat's
     * {@link BadRequestException} is a body read that failed; any other cause is a decoding failure; without a cause it
     * is the count when the message is Tomcat's own count message for {@code maxCount} (the same words in the same
     * locale), else a chunk without a name ({@code &=x}), which is malformed.
     */
    static ParameterFault of(InvalidParameterException e, int maxCount) {
        if (e.getCause() instanceof FileCountLimitExceededException) {
            return TOO_MANY_PARTS;
        }
        if (e.getErrorCode() == 413) {
            return TOO_LARGE;
        }
        if (e.getCause() instanceof BadRequestException) {
            return UNREADABLE;
        }
        if (e.getCause() == null && countMessage(maxCount).equals(e.getMessage())) {
            return TOO_MANY;
        }
        return MALFORMED;
    }

    /** What Tomcat says when a request has more than {@code maxCount} parameters. */
    private static String countMessage(int maxCount) {
        return StringManager.getManager(Parameters.class).getString("parameters.maxCountFail", Integer.valueOf(maxCount));
    }
}
