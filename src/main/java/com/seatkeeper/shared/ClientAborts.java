package com.seatkeeper.shared;

import java.io.IOException;
import java.util.Locale;
import org.apache.catalina.connector.ClientAbortException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Whether a failure is the client going away while its answer was written (it closed the connection, a proxy timed
 * out): not a fault of ours, so not an internal error to log with a stack trace, and nothing can be answered on the dead
 * connection. Recognised anywhere in the cause chain: Tomcat's {@link ClientAbortException}, Spring's {@link AsyncRequestNotUsableException} (the same, seen through Spring's response
 * wrapper), and an {@link IOException} whose message is the operating system's "Broken pipe" or "Connection reset".
 */
public final class ClientAborts {
    private ClientAborts() {
    }

    /** Whether {@code failure} or one of its causes says the client closed the connection. */
    public static boolean isClientAbort(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAbortException || t instanceof AsyncRequestNotUsableException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("broken pipe") || message.contains("connection reset")) {
                    return true;
                }
            }
        }
        return false;
    }
}
