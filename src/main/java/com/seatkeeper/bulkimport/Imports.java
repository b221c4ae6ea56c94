package com.seatkeeper.bulkimport;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Bulk upload's API (issue 9 §2–§3): reads the files of an upload (OneRoster CSV zip or files, or the template CSV)
 * into a run of the roster-changes engine and completes it. Refusals before anything is read: those of
 * {@code RosterChanges.start} (404, 403, 409 {@code roster_read_only}, 409 {@code import_in_progress}).
 */
@Service
public class Imports {

    /** Reads and completes the upload in the caller's thread (the API): the report, PREVIEW/APPLIED/HELD/REJECTED. */
    public Outcome<ImportReport> importNow(Actor actor, DistrictId district, List<UploadedFile> files, boolean dryRun) {
        throw new UnsupportedOperationException("issue 9: formats");
    }

    /**
     * Starts the run and reads it in the background (the console, which polls {@code RosterChanges.progress}); the
     * files are taken over (deleted when done).
     */
    public Outcome<SyncRunId> begin(Actor actor, DistrictId district, List<UploadedFile> files, boolean dryRun) {
        throw new UnsupportedOperationException("issue 9: formats");
    }

    /** The template CSV with its header and a filled example (UTF-8, CRLF), for download. */
    public String templateCsv() {
        throw new UnsupportedOperationException("issue 9: formats");
    }
}
