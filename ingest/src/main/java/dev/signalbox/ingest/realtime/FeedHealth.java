package dev.signalbox.ingest.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.signalbox.ingest.IngestProperties.EntityType;
import dev.signalbox.ingest.IngestProperties.RealtimeFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How one polled feed is doing, for the feed health endpoint and as Prometheus metrics: last
 * successful fetch, the age of its data, entities held by type, rule hits, consecutive failures.
 * Written by the feed's poller only; read by anyone.
 */
final class FeedHealth {

    /**
     * One feed's health, as the endpoint shows it.
     *
     * @param feedAgeSeconds      now minus the feed's header time: how old the newest data is
     * @param entities            entities the feed holds now, by type
     * @param ruleHits            every validation rule hit since start, by rule id
     * @param consecutiveFailures fetches that failed in a row (0 once one succeeds)
     */
    record View(String id, String feedId, Instant lastAttempt, Instant lastSuccess, Instant headerTime, Long feedAgeSeconds,
                Map<String, Integer> entities, Map<String, Long> ruleHits, int consecutiveFailures, String lastError,
                long fetches, long notModified, long published, long removed, long deadLettered) {
    }

    private final RealtimeFeed feed;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer pollTimer;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<Rule, AtomicLong> ruleHits = new ConcurrentHashMap<>();
    private final Map<EntityType, Integer> entities = new EnumMap<>(EntityType.class);
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong removed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile Instant lastAttempt;
    private volatile Instant lastSuccess;
    private volatile Instant headerTime;
    private volatile int consecutiveFailures;
    private volatile String lastError;

    FeedHealth(RealtimeFeed feed, Clock clock, MeterRegistry registry) {
        this.feed = feed;
        this.clock = clock;
        this.registry = registry;
        String id = feed.id();
        Gauge.builder("signalbox.feed.age", this, health -> health.headerTime == null ? Double.NaN
                        : Duration.between(health.headerTime, health.clock.instant()).toMillis() / 1000.0)
                .description("Now minus the feed header's timestamp: how old the feed's newest data is").baseUnit("seconds").tag("feed", id)
                .register(registry);
        Gauge.builder("signalbox.feed.last.success", this, health -> health.lastSuccess == null ? Double.NaN : health.lastSuccess.getEpochSecond())
                .description("When the feed was last fetched and published successfully (POSIX seconds)").tag("feed", id).register(registry);
        Gauge.builder("signalbox.feed.consecutive.failures", this, health -> health.consecutiveFailures)
                .description("Fetches of the feed that failed in a row").tag("feed", id).register(registry);
        for (EntityType type : EntityType.values()) {
            Gauge.builder("signalbox.feed.entities", this, health -> health.entityCount(type))
                    .description("Entities the feed holds now, by type").tag("feed", id).tag("type", type.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        this.pollTimer = Timer.builder("signalbox.feed.poll").description("From the start of a fetch until its changes are acknowledged by Kafka")
                .tag("feed", id).publishPercentileHistogram().register(registry);
    }

    void attempted() {
        lastAttempt = clock.instant();
        fetches.incrementAndGet();
    }

    void notModified() {
        notModified.incrementAndGet();
        outcome("not-modified");
        succeeded();
    }

    void published(Instant header, Map<EntityType, Integer> held, int changed, int gone, Duration took) {
        headerTime = header;
        synchronized (entities) {
            entities.clear();
            entities.putAll(held);
        }
        published.addAndGet(changed);
        removed.addAndGet(gone);
        pollTimer.record(took);
        outcome("ok");
        succeeded();
    }

    /** The fetch worked but its content was refused whole (a header older than the last one). */
    void refused(String reason) {
        lastError = reason;
        outcome("refused");
        succeeded();
    }

    void failed(String outcome, String reason) {
        consecutiveFailures++;
        lastError = reason;
        outcome(outcome);
    }

    void ruleHits(Map<Rule, Integer> hits) {
        hits.forEach((rule, count) -> {
            ruleHits.computeIfAbsent(rule, r -> new AtomicLong()).addAndGet(count);
            Counter.builder("signalbox.feed.rule.hits").description("Validation rule hits, per feed and rule")
                    .tag("feed", feed.id()).tag("rule", rule.id()).register(registry).increment(count);
        });
    }

    void deadLettered(int count) {
        deadLettered.addAndGet(count);
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    private void succeeded() {
        consecutiveFailures = 0;
        lastSuccess = clock.instant();
    }

    private int entityCount(EntityType type) {
        synchronized (entities) {
            return entities.getOrDefault(type, 0);
        }
    }

    private void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, name -> Counter.builder("signalbox.feed.fetches").description("Fetches of the feed, by outcome")
                .tag("feed", feed.id()).tag("outcome", name).register(registry)).increment();
    }

    View view() {
        Map<String, Integer> held = new LinkedHashMap<>();
        synchronized (entities) {
            entities.forEach((type, count) -> held.put(type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), count));
        }
        Map<String, Long> hits = new LinkedHashMap<>();
        for (Rule rule : Rule.values()) {
            AtomicLong count = ruleHits.get(rule);
            if (count != null) {
                hits.put(rule.id(), count.get());
            }
        }
        Instant header = headerTime;
        Long age = header == null ? null : Duration.between(header, clock.instant()).toSeconds();
        return new View(feed.id(), feed.feedId(), lastAttempt, lastSuccess, header, age, held, hits, consecutiveFailures, lastError,
                fetches.get(), notModified.get(), published.get(), removed.get(), deadLettered.get());
    }
}
