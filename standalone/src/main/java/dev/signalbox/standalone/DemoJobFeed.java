package dev.signalbox.standalone;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.ingest.jobs.JobBoard;

/**
 * DEMO SHORTCUT, standalone only: seeds a few companies and postings, then posts, revises and
 * closes postings every few seconds so the board is visibly alive. It writes through the same
 * {@link JobBoard} the API uses, so its changes travel the whole real path. Off with SIGNALBOX_DEMO=false.
 */
final class DemoJobFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoJobFeed.class);
    private static final List<String> COMPANIES = List.of("Acme Rail", "Northwind Logistics", "Globex Transit", "Initech Data");
    private static final List<String> TITLES = List.of("Backend Engineer", "Data Engineer", "Site Reliability Engineer",
            "Product Designer", "Kafka Platform Engineer", "Frontend Engineer", "Engineering Manager", "QA Engineer");
    private static final List<String> LOCATIONS = List.of("Berlin", "Lisbon", "Remote", "Amsterdam", "Warsaw", "Oslo");
    private static final int OPEN_POSTINGS_KEPT = 12;

    private final JobBoard jobBoard;
    private final ScheduledExecutorService timer;
    private final long[] companyIds;
    private final Deque<Long> open = new ArrayDeque<>();

    private DemoJobFeed(JobBoard jobBoard, long[] companyIds) {
        this.jobBoard = jobBoard;
        this.companyIds = companyIds;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "signalbox-demo-feed"));
    }

    static DemoJobFeed start(JobBoard jobBoard) {
        List<Long> existing = jobBoard.companyIds();
        boolean firstStart = existing.isEmpty();
        long[] companyIds = firstStart
                ? COMPANIES.stream().mapToLong(jobBoard::addCompany).toArray()
                : existing.stream().mapToLong(Long::longValue).toArray();
        DemoJobFeed feed = new DemoJobFeed(jobBoard, companyIds);
        if (firstStart) {
            for (int i = 0; i < 4; i++) {
                feed.postOne();
            }
        }
        feed.timer.scheduleWithFixedDelay(feed::step, 3, 4, TimeUnit.SECONDS);
        log.info("Demo job feed on: a new change every few seconds (SIGNALBOX_DEMO=false turns it off)");
        return feed;
    }

    private void step() {
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (open.size() >= OPEN_POSTINGS_KEPT || (!open.isEmpty() && random.nextInt(4) == 0)) {
                jobBoard.closePosting(open.removeFirst());
            } else if (!open.isEmpty() && random.nextInt(3) == 0) {
                long id = open.peekLast();
                jobBoard.revisePosting(id, "Senior " + pick(TITLES), pick(LOCATIONS), "Revised by the demo feed");
            } else {
                postOne();
            }
        } catch (RuntimeException e) {
            // A demo hiccup (say, a posting closed through the API meanwhile) must not end the feed.
            log.warn("Demo feed step failed: {}", e.getMessage());
        }
    }

    private void postOne() {
        long companyId = companyIds[ThreadLocalRandom.current().nextInt(companyIds.length)];
        open.addLast(jobBoard.post(companyId, pick(TITLES), pick(LOCATIONS), "Posted by the standalone demo feed"));
    }

    private static String pick(List<String> options) {
        return options.get(ThreadLocalRandom.current().nextInt(options.size()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
