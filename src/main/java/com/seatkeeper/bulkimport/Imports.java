package com.seatkeeper.bulkimport;

import com.seatkeeper.catalog.Catalog;
import com.seatkeeper.catalog.Product;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.ReferenceColumns;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RunPhase;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.SchoolId;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Bulk upload's API (issue 9 §2–§3): reads the files of an upload (OneRoster CSV zip or files, or the template CSV)
 * into a run of the roster-changes engine and completes it. Refusals before anything is read: those of
 * {@code RosterChanges.start} (404, 403, 409 {@code roster_read_only}, 409 {@code import_in_progress}).
 *
 * <p>The format is detected from the files: a manifest.csv (loose or in a zip) means OneRoster ({@link OneRosterReader});
 * one CSV whose header has the template's school, role and email columns is the template ({@link TemplateReader});
 * anything else is refused ({@code missing_manifest} for several files, {@code unknown_format} for one). An upload that
 * cannot be opened (unsafe or oversized zip, see {@link UploadUnpacker}) or read (I/O error) ends the run REJECTED through
 * {@code RosterChanges.fail}; one that was read is completed (REJECTED by the engine when it has errors). The uploaded
 * files and everything extracted from them are deleted when the run is done, whatever happened.
 */
@Service
public class Imports {
    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    /** The template's reference columns, so that the engine's reference problems name them. */
    static final ReferenceColumns TEMPLATE_COLUMNS = new ReferenceColumns("school", "school", "className", "email", "email", "givenName",
            "familyName", "email", "className", "school");

    private final RosterChanges rosterChanges;
    private final Districts districts;
    private final Catalog catalog;
    private final Licensing licensing;
    private final ThreadPoolTaskExecutor executor;
    private final UploadUnpacker.Limits limits;

    Imports(RosterChanges rosterChanges, Districts districts, Catalog catalog, Licensing licensing,
            @Value("${seatkeeper.imports.max-uncompressed-bytes:4GB}") DataSize maxUncompressed,
            @Value("${seatkeeper.imports.max-compression-ratio:100}") long maxRatio,
            @Value("${seatkeeper.imports.workers:2}") int workers) {
        this.rosterChanges = rosterChanges;
        this.districts = districts;
        this.catalog = catalog;
        this.licensing = licensing;
        this.executor = executor(workers);
        this.limits = new UploadUnpacker.Limits(maxUncompressed.toBytes(), maxRatio);
    }

    /**
     * The bounded pool that reads the console's uploads ({@link #begin}): {@code seatkeeper.imports.workers} (default 2)
     * at once and as many waiting; beyond that an upload is refused at once rather than queued without bound. Not a bean,
     * so Boot's own task executor stays as it is.
     */
    private static ThreadPoolTaskExecutor executor(int workers) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(workers);
        executor.setMaxPoolSize(workers);
        executor.setQueueCapacity(workers);
        executor.setThreadNamePrefix("import-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        executor.initialize();
        return executor;
    }

    @PreDestroy
    void shutdown() {
        executor.shutdown();
    }

    /** Reads and completes the upload in the caller's thread (the API): the report, PREVIEW/APPLIED/HELD/REJECTED. */
    public Outcome<ImportReport> importNow(Actor actor, DistrictId district, List<UploadedFile> files, boolean dryRun) {
        Outcome<SyncRunId> started = rosterChanges.start(actor, district, SyncTrigger.UPLOAD);
        if (started instanceof Outcome.Refused<SyncRunId> refused) {
            delete(files, null);
            return Outcome.refused(refused.refusal());
        }
        return Outcome.done(read(actor, started.value(), district, files, dryRun));
    }

    /**
     * Starts the run and reads it in the background (the console, which polls {@code RosterChanges.progress}); the
     * files are taken over (deleted when done). When the background workers are all busy, the run ends REJECTED at once
     * with the problem {@code imports_busy}.
     */
    public Outcome<SyncRunId> begin(Actor actor, DistrictId district, List<UploadedFile> files, boolean dryRun) {
        Outcome<SyncRunId> started = rosterChanges.start(actor, district, SyncTrigger.UPLOAD);
        if (started instanceof Outcome.Refused<SyncRunId>) {
            delete(files, null);
            return started;
        }
        SyncRunId run = started.value();
        try {
            executor.execute(() -> read(actor, run, district, files, dryRun));
        } catch (TaskRejectedException e) {
            Problems problems = new Problems();
            problems.add(new Problem(null, null, null, Severity.ERROR, "imports_busy", "Too many uploads are being read right now. "
                    + "Upload the files again in a few minutes."));
            rosterChanges.fail(run, problems, "too many uploads at once", dryRun, 0);
            delete(files, null);
        }
        return started;
    }

    /**
     * The template CSV with its header and a filled example for no district in particular (UTF-8, CRLF), for download:
     * the catalog's product codes and a made-up school. Prefer {@link #templateCsv(Actor)}, whose example is the district's.
     */
    public String templateCsv() {
        return TemplateReader.example("Lincoln Elementary", catalogCodes());
    }

    private List<String> catalogCodes() {
        return catalog.all().stream().map(Product::code).sorted().toList();
    }

    /**
     * The template CSV with a filled example that reads as it is in the actor's district (UTF-8, CRLF): the name of one of
     * its active schools and the product codes of its pools (else of the catalog), so that the downloaded file previews
     * without errors once its people are replaced. An actor of no district (the vendor admin) gets {@link #templateCsv()}
     * with the catalog's codes.
     */
    public String templateCsv(Actor actor) {
        List<String> catalogCodes = catalogCodes();
        DistrictId district = actor.districtId();
        if (district == null) {
            return TemplateReader.example("Lincoln Elementary", catalogCodes);
        }
        String school = districts.schools(actor, district).stream().filter(School::active).map(School::name).sorted().findFirst()
                .orElse("Lincoln Elementary");
        List<String> poolCodes = List.of();
        if (actor.isDistrictWideAdmin()) {
            poolCodes = licensing.pools(actor, district).stream().map(LicensePool::productCode).distinct().sorted().toList();
        }
        return TemplateReader.example(school, poolCodes.isEmpty() ? catalogCodes : poolCodes);
    }

    /**
     * Whether the actor may upload to the district now, checked before the upload is received: the refusals
     * {@link RosterChanges#check} gives for an UPLOAD (404 for a district the actor may not see, 403 unless a district-wide
     * admin, 409 {@code roster_read_only} for a Clever or ClassLink district, 409 {@code import_in_progress}); empty when
     * allowed.
     */
    public Optional<BusinessRefusal> check(Actor actor, DistrictId district) {
        return rosterChanges.check(actor, district, SyncTrigger.UPLOAD);
    }

    private ImportReport read(Actor actor, SyncRunId run, DistrictId district, List<UploadedFile> files, boolean dryRun) {
        Problems problems = new Problems();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("seatkeeper-import-");
            rosterChanges.progress(run, RunPhase.READING, 0);
            Optional<Map<String, Path>> unpacked = UploadUnpacker.unpack(files, dir, limits, problems);
            if (unpacked.isEmpty()) {
                return rosterChanges.fail(run, problems, "The upload could not be opened, so no file of it was read: see its problem.",
                        dryRun, 0);
            }
            Map<String, Path> csv = unpacked.get();
            boolean oneRoster = csv.keySet().stream().anyMatch(OneRosterReader.MANIFEST::equalsIgnoreCase);
            if (!oneRoster && csv.size() == 1) {
                var only = csv.entrySet().iterator().next();
                if (!TemplateReader.isTemplateHeader(header(only.getValue()))) {
                    problems.add(new Problem(only.getKey(), 1L, null, Severity.ERROR, "unknown_format", only.getKey() + " is neither "
                            + "the template (its header: " + String.join(",", TemplateReader.COLUMNS) + ") nor part of a OneRoster CSV "
                            + "set (which needs manifest.csv). Download the template from GET /api/v1/imports/template.csv, or upload "
                            + "the whole OneRoster export."));
                    return rosterChanges.fail(run, problems, "the upload is in no format Seatkeeper reads", dryRun, 0);
                }
                return readTemplate(actor, run, district, only.getKey(), only.getValue(), problems, dryRun);
            }
            return readOneRoster(run, csv, problems, dryRun);
        } catch (IOException | RuntimeException e) {
            log.warn("Upload {} could not be read: {}", run, e.toString());
            problems.add(new Problem(null, null, null, Severity.ERROR, "unreadable_upload", "The upload could not be read to the "
                    + "end (" + e.getClass().getSimpleName() + "). Nothing was changed; upload the files again."));
            return rosterChanges.fail(run, problems, "the upload could not be read", dryRun, 0);
        } finally {
            delete(files, dir);
        }
    }

    private ImportReport readOneRoster(SyncRunId run, Map<String, Path> csv, Problems problems, boolean dryRun) throws IOException {
        OneRosterReader reader = new OneRosterReader(csv, problems);
        Optional<Map<RosterKind, FileMode>> modes = reader.manifest();
        if (modes.isEmpty()) {
            return rosterChanges.fail(run, problems, "The OneRoster manifest could not be used, so no other file was read (the manifest "
                    + "says which files to read and how): correct manifest.csv as its problems say, then upload again to have every "
                    + "file checked.", dryRun, 0);
        }
        try (RosterStaging staging = rosterChanges.staging(run, modes.get(), ReferenceColumns.ONEROSTER)) {
            reader.read(staging);
        }
        return rosterChanges.complete(run, problems, dryRun);
    }

    private ImportReport readTemplate(Actor actor, SyncRunId run, DistrictId district, String name, Path file, Problems problems,
                                      boolean dryRun) throws IOException {
        Map<String, SchoolId> schools = new HashMap<>();
        for (School s : districts.schools(actor, district)) {
            if (s.active()) {
                schools.put(s.name(), s.id());
            }
        }
        Set<String> codes = catalog.all().stream().map(Product::code).collect(Collectors.toSet());
        TemplateReader reader = new TemplateReader(name, file, schools, codes, problems);
        try (RosterStaging staging = rosterChanges.staging(run, TemplateReader.MODES, TEMPLATE_COLUMNS)) {
            reader.read(staging);
        }
        return rosterChanges.complete(run, problems, dryRun);
    }

    /**
     * The first record of a CSV file (empty for an empty or unparsable one), to tell its format only: decoded as UTF-16
     * when it starts with UTF-16's byte order mark, else as UTF-8 with bad bytes replaced, so that a bad byte or a file
     * saved as UTF-16 is reported by the reader at its place (as {@code invalid_utf8}), not as an unknown format (NULs are
     * dropped from the names: UTF-16 without a byte order mark read as UTF-8 has one after every letter).
     */
    private static List<String> header(Path file) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(2);
        }
        boolean utf16 = head.length == 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF);
        try (CsvReader<CsvRecord> reader = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(new InputStreamReader(Files.newInputStream(file), utf16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8))) {
            return reader.stream().findFirst().map(r -> r.getFields().stream().map(f -> f.replace("\0", "")).toList()).orElse(List.of());
        } catch (UncheckedIOException | CsvParseException e) {
            return List.of();
        }
    }

    private static void delete(List<UploadedFile> files, Path dir) {
        for (UploadedFile f : files) {
            try {
                Files.deleteIfExists(f.path());
            } catch (IOException e) {
                log.warn("Could not delete the uploaded file {}: {}", f.path(), e.toString());
            }
        }
        if (dir == null) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the upload's folder {}: {}", dir, e.toString());
        }
    }
}
