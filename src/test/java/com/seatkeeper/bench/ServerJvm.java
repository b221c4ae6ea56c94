package com.seatkeeper.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The server under benchmark as a JVM of its own ({@code java -Xmx512m ... com.seatkeeper.SeatkeeperApplication}) with
 * its embedded PostgreSQL on its own port and data directory, durable ({@code fsync=on}) as in production, and a GC log
 * from which the heap it used is read phase by phase.
 *
 * <p>The classpath is the test run's without the test classes (surefire's {@code surefire.test.class.path}), so that
 * the embedded database is there and no test bean is scanned in. The process is stopped (SIGTERM, then killed after
 * a minute) by {@link #close()}; its output goes to {@code server.log} in the work directory.
 */
final class ServerJvm implements AutoCloseable {
    /** GC log lines: "... GC(12) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 3.456ms". */
    private static final Pattern GC = Pattern.compile("GC\\((\\d+)\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    final int port;
    final int dbPort;
    final String heap;
    private final Process process;
    private final Path gcLog;

    private ServerJvm(Process process, int port, int dbPort, String heap, Path gcLog) {
        this.process = process;
        this.port = port;
        this.dbPort = dbPort;
        this.heap = heap;
        this.gcLog = gcLog;
    }

    /** Starts the server in {@code work} (data directory, logs) with the given maximum heap and extra arguments, and waits until it is up. */
    static ServerJvm start(Path work, String heap, String adminToken, List<String> extraArgs) throws IOException, InterruptedException {
        List<String> launch = List.of("-cp", classpath(), "com.seatkeeper.SeatkeeperApplication");
        return start(work, work.resolve("pg"), launch, heap, adminToken, extraArgs, 5);
    }

    /**
     * Starts the server from the repackaged Boot jar, as production runs it, with its embedded PostgreSQL in {@code pgData}
     * (kept between runs): Boot's own launcher of that jar ({@code PropertiesLauncher}, the one {@code java -jar} would use
     * but for its {@code loader.path}) with the embedded PostgreSQL library and binaries, which the jar leaves out, on
     * {@code loader.path}. Waits up to {@code startMinutes} for it to be up (migrations of a large database take long).
     */
    static ServerJvm startJar(Path work, Path pgData, Path jar, String heap, String adminToken, List<String> extraArgs, int startMinutes)
            throws IOException, InterruptedException {
        String embedded = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(e -> e.contains(File.separator + "zonky" + File.separator) && e.endsWith(".jar"))
                .collect(Collectors.joining(","));
        if (embedded.isEmpty()) {
            throw new IllegalStateException("the embedded PostgreSQL jars (io.zonky.test) are not on the test class path");
        }
        List<String> launch = List.of("-Dloader.path=" + embedded, "-cp", jar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher");
        return start(work, pgData, launch, heap, adminToken, extraArgs, startMinutes);
    }

    private static ServerJvm start(Path work, Path pgData, List<String> launch, String heap, String adminToken, List<String> extraArgs,
                                   int startMinutes) throws IOException, InterruptedException {
        Files.createDirectories(work);
        int port = freePort();
        int dbPort = freePort();
        Path gcLog = work.resolve("gc.log");
        Files.deleteIfExists(gcLog);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog + ":uptime"));
        cmd.addAll(launch);
        cmd.addAll(List.of(
                "--server.port=" + port,
                "--seatkeeper.embedded-db.enabled=true",
                "--seatkeeper.embedded-db.port=" + dbPort,
                "--seatkeeper.embedded-db.data-dir=" + pgData,
                "--seatkeeper.embedded-db.fsync=on",
                "--seatkeeper.bootstrap.admin-token=" + adminToken,
                "--seatkeeper.demo.enabled=false"));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile()).start();
        ServerJvm server = new ServerJvm(p, port, dbPort, heap, gcLog);
        server.awaitUp(work.resolve("server.log"), startMinutes);
        return server;
    }

    /** The JDBC address of the server's embedded database (user postgres, no password). */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + dbPort + "/postgres";
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Where the GC log is now: a phase's heap is read from the lines written after this mark ({@link #heapSince}). */
    long gcMark() throws IOException {
        return Files.exists(gcLog) ? Files.size(gcLog) : 0;
    }

    /** The heap of the collections logged since a mark: most used before a collection, most left after one, and full collections. */
    record Heap(long collections, long peakUsedMb, long peakLiveMb, long fullCollections, long committedMb) {
        static final Heap NONE = new Heap(0, 0, 0, 0, 0);
    }

    Heap heapSince(long mark) throws IOException {
        if (!Files.exists(gcLog)) {
            return Heap.NONE;
        }
        byte[] all = Files.readAllBytes(gcLog);
        String text = new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark));
        long n = 0;
        long used = 0;
        long live = 0;
        long full = 0;
        long committed = 0;
        for (String line : text.split("\n")) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                n++;
                used = Math.max(used, mb(m.group(3), m.group(4)));
                live = Math.max(live, mb(m.group(5), m.group(6)));
                committed = Math.max(committed, mb(m.group(7), m.group(8)));
                full += m.group(2).contains("Full") ? 1 : 0;
            }
        }
        return new Heap(n, used, live, full, committed);
    }

    private static long mb(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    private void awaitUp(Path log, int minutes) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped while starting; the end of " + log + ":\n" + tail(log));
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not start within " + minutes + " minutes; the end of " + log + ":\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.endsWith("test-classes") && !e.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
