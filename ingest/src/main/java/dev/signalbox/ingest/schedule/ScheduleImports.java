package dev.signalbox.ingest.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

import dev.signalbox.ingest.IngestProperties;

/**
 * Runs schedule imports one at a time on their own thread, from an uploaded zip, a URL, or the
 * configured sources at start-up, and keeps the recent ones for their progress and report.
 */
@Service
public class ScheduleImports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ScheduleImports.class);
    private static final int KEPT = 50;
    private static final int QUEUED_AT_MOST = 8;

    private final ScheduleImporter importer;
    private final IngestProperties.Transit settings;
    private final ExecutorService runner;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, ImportProgress> recent = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImportProgress> eldest) {
            return size() > KEPT && eldest.getValue().state() != ImportProgress.State.RUNNING;
        }
    });

    ScheduleImports(ScheduleImporter importer, IngestProperties properties) {
        this.importer = importer;
        this.settings = properties.transit();
        // One import at a time bounds memory and database load; a few may wait, more are refused.
        this.runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_AT_MOST), runnable -> {
            Thread thread = new Thread(runnable, "gtfs-import");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Imports the configured schedules, in order, after start-up. */
    @EventListener(ApplicationReadyEvent.class)
    void importConfiguredSchedules() {
        for (IngestProperties.ScheduleSource source : settings.schedules()) {
            submit(source.feedId(), source.source(), () -> fetch(source.source()));
        }
    }

    /** Queues an import of a zip already in a file this call hands over (it is deleted afterwards). */
    public ImportReport submitFile(String feedId, String source, Path zip) {
        return submit(feedId, source, () -> zip);
    }

    /** Queues an import of the zip at an http(s) URL. */
    public ImportReport submitUrl(String feedId, URI url) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("a schedule URL must be http or https");
        }
        return submit(feedId, url.toString(), () -> download(url));
    }

    public Optional<ImportReport> report(String importId) {
        return Optional.ofNullable(recent.get(importId)).map(ImportProgress::report);
    }

    /** Copies a request body to a temporary file, refusing it past the size limit. */
    public Path receive(InputStream body) throws IOException {
        Path file = Files.createTempFile("signalbox-gtfs-", ".zip");
        try (OutputStream out = Files.newOutputStream(file)) {
            copyBounded(body, out);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private interface ArchiveSource {
        Path open() throws IOException, InterruptedException;
    }

    private ImportReport submit(String feedId, String source, ArchiveSource archive) {
        ScheduleImporter.requireFeedId(feedId);
        ImportProgress progress = new ImportProgress(UUID.randomUUID().toString(), feedId, source, settings.problemsReported());
        recent.put(progress.id(), progress);
        try {
            runner.execute(() -> run(progress, archive));
        } catch (RejectedExecutionException e) {
            recent.remove(progress.id());
            throw new ImportsBusyException();
        }
        return progress.report();
    }

    private void run(ImportProgress progress, ArchiveSource archive) {
        Path zip = null;
        try {
            zip = archive.open();
            importer.importArchive(zip, progress);
            ImportReport report = progress.report();
            log.info("Schedule import {} of feed {} {}: version {}, {} rows at {} rows/s, {} refused", report.id(), report.feedId(),
                    report.state(), report.version(), report.rowsLoaded(), report.rowsPerSecond(), report.rowsRefused());
            report.problems().stream().limit(5).forEach(problem ->
                    log.warn("  {} line {}: {}", problem.file(), problem.line(), problem.reason()));
        } catch (NotGtfsException | IllegalArgumentException e) {
            progress.failed(e.getMessage());
            log.warn("Schedule import {} of feed {} refused: {}", progress.id(), progress.feedId(), e.getMessage());
        } catch (IOException | SQLException e) {
            progress.failed("the import failed and nothing was written: " + e.getMessage());
            log.error("Schedule import {} of feed {} failed; nothing was written", progress.id(), progress.feedId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.failed("stopped before it finished; nothing was written");
        } catch (RuntimeException e) {
            progress.failed("the import failed and nothing was written");
            log.error("Schedule import {} of feed {} failed; nothing was written", progress.id(), progress.feedId(), e);
        } finally {
            deleteQuietly(zip);
        }
    }

    private Path fetch(String location) throws IOException, InterruptedException {
        if (location.startsWith("http:") || location.startsWith("https:")) {
            return download(URI.create(location));
        }
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return receive(in);
        }
    }

    private Path download(URI url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode());
            }
            return receive(body);
        }
    }

    private void copyBounded(InputStream in, OutputStream out) throws IOException {
        long limit = settings.maxScheduleSize().toBytes();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > limit) {
                throw new ScheduleTooLargeException(settings.maxScheduleSize().toMegabytes());
            }
            out.write(buffer, 0, n);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary schedule file {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        runner.shutdownNow();
        runner.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** More imports are waiting than the queue holds. */
    public static final class ImportsBusyException extends RuntimeException {
        ImportsBusyException() {
            super("too many schedule imports are waiting; try again later");
        }
    }

    /** The archive is larger than {@code signalbox.ingest.transit.max-schedule-size}. */
    public static final class ScheduleTooLargeException extends RuntimeException {
        ScheduleTooLargeException(long megabytes) {
            super("the archive is larger than " + megabytes + " MB");
        }
    }
}
