package dev.signalbox.ingest.realtime;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * WARNING while a feed fails again and again: worth a look, never a restart, and never a reason to
 * take ingest out of service (so it is not in the readiness group) — the feed is someone else's.
 */
@Component("transitFeeds")
class FeedsHealthIndicator implements HealthIndicator {

    static final int FAILURES_WORTH_A_WARNING = 3;

    private final RealtimeFeeds feeds;

    FeedsHealthIndicator(RealtimeFeeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public Health health() {
        List<FeedHealth.View> all = feeds.health();
        List<String> failing = all.stream().filter(feed -> feed.consecutiveFailures() >= FAILURES_WORTH_A_WARNING).map(FeedHealth.View::id).toList();
        Health.Builder health = failing.isEmpty() ? Health.up() : Health.status(new Status("WARNING"));
        return health.withDetail("feeds", all.size()).withDetail("failing", failing).build();
    }
}
