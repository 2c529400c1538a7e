package dev.signalbox.ingest.schedule;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import dev.signalbox.localinfra.LocalPostgres;
import dev.signalbox.localinfra.testing.BenchmarkMachine;

/**
 * Benchmark, not a test: GTFS static import speed and peak heap on a generated feed of 1.25 million
 * stop times (50,000 trips of 25 calls, 5,000 stops, 500 routes), into a durable PostgreSQL (fsync
 * on) of its own with only PostgreSQL and the importer in this JVM, so the heap measured is the
 * import's. {@code bench/feeds.sh} runs it with {@code -Xmx512m}: finishing at all proves the bound.
 * Each round imports a new feed, then imports it again with every delay changed, which replaces it.
 */
public final class ScheduleImportBenchmark {

    static final int ROUTES = 500;
    static final int STOPS = 5_000;
    static final int TRIPS = 50_000;
    static final int CALLS_PER_TRIP = 25;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results/schedule-import.txt");
        Path work = Files.createTempDirectory("signalbox-import-bench");
        List<String> lines = new ArrayList<>();
        lines.add("# schedule import benchmark " + Instant.now() + " on " + BenchmarkMachine.describe() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, embedded PostgreSQL with fsync on");
        lines.add("# feed: " + TRIPS * CALLS_PER_TRIP + " stop_times, " + TRIPS + " trips, " + STOPS + " stops, " + ROUTES + " routes");
        lines.add("# round kind rows seconds rows_per_s stop_times_per_s peak_heap_mib");
        try (LocalPostgres postgres = LocalPostgres.start(work.resolve("pg"), 0, true)) {
            String url = postgres.createDatabaseIfAbsent("import_bench");
            Flyway.configure().dataSource(url, LocalPostgres.SUPERUSER, "").locations("classpath:db/migration").load().migrate();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            dataSource.setUser(LocalPostgres.SUPERUSER);
            ScheduleImporter importer = new ScheduleImporter(dataSource);
            Path first = generate(work.resolve("feed-a.zip"), 0);
            Path second = generate(work.resolve("feed-b.zip"), 60);
            for (int round = 1; round <= rounds; round++) {
                lines.add(round + " " + measure(importer, "bench-" + round, first, "fresh"));
                System.out.println(lines.get(lines.size() - 1));
                lines.add(round + " " + measure(importer, "bench-" + round, second, "replace"));
                System.out.println(lines.get(lines.size() - 1));
            }
        }
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.write(results, lines);
        lines.forEach(System.out::println);
    }

    private static String measure(ScheduleImporter importer, String feedId, Path zip, String kind) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        ImportProgress progress = new ImportProgress(kind, feedId, zip.toString(), 100);
        long start = System.nanoTime();
        importer.importArchive(zip, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        ImportReport report = progress.report();
        if (!report.state().equals("succeeded") || report.rowsRefused() > 0) {
            throw new IllegalStateException("the benchmark import did not load cleanly: " + report);
        }
        long stopTimes = report.files().stream().filter(file -> file.file().equals("stop_times.txt")).mapToLong(ImportReport.FileReport::rowsLoaded).sum();
        return String.format(Locale.ROOT, "%s %d %.2f %.0f %.0f %d", kind, report.rowsLoaded(), seconds, report.rowsLoaded() / seconds,
                stopTimes / seconds, peak / (1024 * 1024));
    }

    /** A feed with realistic shapes and sizes; {@code shift} moves every time, so a second archive differs throughout. */
    static Path generate(Path zip, int shift) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             BufferedWriter text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            entry(out, text, "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nBENCH,Benchmark Transit,http://localhost/,Europe/Berlin\n");
            out.putNextEntry(new ZipEntry("routes.txt"));
            text.write("route_id,agency_id,route_short_name,route_long_name,route_type\n");
            for (int r = 0; r < ROUTES; r++) {
                text.write("R" + r + ",BENCH," + r + ",Route " + r + " via Main St," + (r % 10 == 0 ? 1 : 3) + "\n");
            }
            text.flush();
            out.putNextEntry(new ZipEntry("stops.txt"));
            text.write("stop_id,stop_name,stop_lat,stop_lon\n");
            for (int s = 0; s < STOPS; s++) {
                text.write(String.format(Locale.ROOT, "S%d,\"Stop %d, Platform %d\",%.6f,%.6f%n", s, s, s % 4, 52.3 + (s % 100) * 0.004, 13.1 + (s / 100) * 0.012));
            }
            text.flush();
            entry(out, text, "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                    + "WD,1,1,1,1,1,0,0,20260101,20271231\nWE,0,0,0,0,0,1,1,20260101,20271231\n");
            out.putNextEntry(new ZipEntry("trips.txt"));
            text.write("route_id,service_id,trip_id,trip_headsign,direction_id\n");
            for (int t = 0; t < TRIPS; t++) {
                text.write("R" + (t % ROUTES) + "," + (t % 3 == 0 ? "WE" : "WD") + ",T" + t + ",Terminus " + (t % 7) + "," + (t % 2) + "\n");
            }
            text.flush();
            out.putNextEntry(new ZipEntry("stop_times.txt"));
            text.write("trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n");
            for (int t = 0; t < TRIPS; t++) {
                int time = 5 * 3600 + (t % 1000) * 60 + shift;
                for (int c = 0; c < CALLS_PER_TRIP; c++) {
                    String clock = clock(time);
                    text.write("T" + t + "," + clock + "," + clock(time + 30) + ",S" + ((t * 7 + c * 13) % STOPS) + "," + (c + 1) + ",0,0\n");
                    time += 120;
                }
            }
            text.flush();
            out.closeEntry();
        }
        return zip;
    }

    private static void entry(ZipOutputStream out, BufferedWriter text, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        text.write(content);
        text.flush();
    }

    private static String clock(int seconds) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
