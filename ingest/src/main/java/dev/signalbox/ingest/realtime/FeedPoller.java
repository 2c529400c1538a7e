package dev.signalbox.ingest.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;

import dev.signalbox.ingest.IngestProperties.EntityType;
import dev.signalbox.ingest.IngestProperties.RealtimeFeed;

/**
 * Polls one GTFS-Realtime feed: fetch (conditional), parse, validate, publish what changed, and say
 * when to poll next — the feed's interval while it answers, a doubling backoff while it fails.
 * A failure of this feed is this feed's alone: it is logged, counted and retried.
 */
final class FeedPoller {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

    private final RealtimeFeed feed;
    private final FeedFetcher fetcher;
    private final FeedPublisher publisher;
    /** The imported schedule of a feed id, as the validator checks against it. */
    private final Function<String, StaticFeedIndex> schedules;
    private final FeedHealth health;
    private final Clock clock;
    private final EntityChanges changes = new EntityChanges();
    private FeedValidator.PreviousHeader previous;

    FeedPoller(RealtimeFeed feed, FeedFetcher fetcher, FeedPublisher publisher, Function<String, StaticFeedIndex> schedules, FeedHealth health, Clock clock) {
        this.feed = feed;
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.schedules = schedules;
        this.health = health;
        this.clock = clock;
    }

    RealtimeFeed feed() {
        return feed;
    }

    FeedHealth health() {
        return health;
    }

    /** One poll. @return how long to wait before the next */
    Duration poll() throws InterruptedException {
        long started = System.nanoTime();
        health.attempted();
        try {
            FeedFetcher.Fetched fetched = fetcher.fetch();
            if (fetched.notModified()) {
                health.notModified();
                return feed.interval();
            }
            RawFeed raw;
            try {
                raw = RawFeed.split(fetched.body());
            } catch (InvalidProtocolBufferException e) {
                health.ruleHits(Map.of(Rule.UNREADABLE, 1));
                publisher.deadLetterFeed(feed.id(), feed.feedId(), fetched.body(), Rule.UNREADABLE, e.getMessage());
                health.deadLettered(1);
                fetcher.forgetValidators();
                return failed("unreadable", "the body is not a GTFS-Realtime feed: " + e.getMessage());
            }
            publish(raw, started);
            return feed.interval();
        } catch (FeedFetcher.FetchFailedException e) {
            return failed(e.outcome(), e.getMessage());
        } catch (FeedPublisher.PublishFailedException e) {
            fetcher.forgetValidators();
            return failed("kafka", e.getMessage());
        }
    }

    private void publish(RawFeed raw, long started) throws FeedPublisher.PublishFailedException, InterruptedException {
        Map<Rule, Integer> hits = new EnumMap<>(Rule.class);
        FeedValidator.HeaderVerdict header = FeedValidator.header(raw, previous, clock.instant(), feed.staleAfter(), hits);
        if (header.rule() != null) {
            health.ruleHits(hits);
            publisher.deadLetterFeed(feed.id(), feed.feedId(), raw.body(), header.rule(), header.detail());
            health.deadLettered(1);
            health.refused(header.rule().id() + ": " + header.detail());
            log.warn("Feed {}: refused a fetch under {}: {}", feed.id(), header.rule().id(), header.detail());
            return;
        }
        StaticFeedIndex schedule = schedules.apply(feed.feedId());
        EntityChanges.Changes diff = changes.compare(raw, schedule.version());

        byte[] headerField = dev.signalbox.events.transit.FeedEntity.headerField(raw.header().getGtfsRealtimeVersion(), header.headerTime());
        // Reading and checking each changed entity is most of a big poll's work and each entity's is
        // its own: both cores share it (this thread and the common pool).
        List<Handled> handled = diff.changed().parallelStream().map(entity -> handle(entity, schedule, header.headerTime(), headerField)).toList();
        List<FeedPublisher.Outgoing> outgoing = new ArrayList<>(handled.size() + diff.removed().size());
        List<FeedPublisher.Rejected> rejected = new ArrayList<>();
        Map<String, EntityType> publishedTypes = new HashMap<>(handled.size() * 2);
        for (Handled entity : handled) {
            entity.hits().forEach((rule, count) -> hits.merge(rule, count, Integer::sum));
            if (entity.rejected() != null) {
                rejected.add(entity.rejected());
            } else if (entity.outgoing() != null) {
                outgoing.add(entity.outgoing());
                publishedTypes.put(entity.outgoing().entityId(), entity.type());
            }
        }
        for (EntityChanges.Seen gone : diff.removed()) {
            try {
                FeedEntity last = gone.entity().parse();
                outgoing.add(FeedPublisher.removal(publisher.topicOf(gone.type()), headerField, last));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("an entity parsed when it was published parses again", e);
            }
        }
        health.ruleHits(hits);
        publisher.deadLetterEntities(feed.id(), feed.feedId(), rejected);
        publisher.publish(feed.feedId(), outgoing);
        changes.commit(raw, publishedTypes, schedule.version(), diff);
        if (raw.header().hasTimestamp() && raw.header().getTimestamp() > 0) {
            previous = new FeedValidator.PreviousHeader(raw.header().getTimestamp(), raw.body());
        }
        health.deadLettered(rejected.size());
        health.published(header.headerTime(), changes.heldByType(), outgoing.size() - diff.removed().size(), diff.removed().size(),
                Duration.ofNanos(System.nanoTime() - started));
        if (!rejected.isEmpty()) {
            FeedPublisher.Rejected first = rejected.get(0);
            log.info("Feed {}: {} entities to the dead-letter topic, the first under {} ({})", feed.id(), rejected.size(), first.rule().id(), first.detail());
        }
    }

    /** What became of one changed entity: refused, or written for its topic, or neither (a type this feed does not publish). */
    private record Handled(FeedPublisher.Rejected rejected, FeedPublisher.Outgoing outgoing, EntityType type, Map<Rule, Integer> hits) {
    }

    private Handled handle(RawFeed.Entity changed, StaticFeedIndex schedule, java.time.Instant headerTime, byte[] headerField) {
        Map<Rule, Integer> hits = new EnumMap<>(Rule.class);
        FeedEntity entity;
        try {
            entity = changed.parse();
        } catch (InvalidProtocolBufferException e) {
            hits.put(Rule.UNREADABLE, 1);
            return new Handled(new FeedPublisher.Rejected(changed, Rule.UNREADABLE, e.getMessage()), null, null, hits);
        }
        FeedValidator.Rejected problem = FeedValidator.entity(entity, schedule, headerTime.getEpochSecond(), hits);
        if (problem != null) {
            return new Handled(new FeedPublisher.Rejected(changed, problem.rule(), problem.detail()), null, null, hits);
        }
        EntityType type = typeOf(entity);
        if (type == null || !feed.entityTypes().contains(type)) {
            return new Handled(null, null, null, hits);
        }
        return new Handled(null, FeedPublisher.outgoing(publisher.topicOf(type), headerField, changed), type, hits);
    }

    /** The entity's type, or null for an entity that carries none of the three. */
    private static EntityType typeOf(FeedEntity entity) {
        if (entity.hasTripUpdate()) {
            return EntityType.TRIP_UPDATES;
        }
        if (entity.hasVehicle()) {
            return EntityType.VEHICLE_POSITIONS;
        }
        return entity.hasAlert() ? EntityType.ALERTS : null;
    }

    private Duration failed(String outcome, String reason) {
        health.failed(outcome, reason);
        int failures = health.consecutiveFailures();
        Duration backoff = backoff(feed.interval(), feed.maxBackoff(), failures);
        // Logged on the first failure and then at every doubling, not at every retry.
        if (Integer.bitCount(failures) == 1) {
            log.warn("Feed {}: fetch failed {} time(s) in a row ({}); next try in {}", feed.id(), failures, reason, backoff);
        }
        return backoff;
    }

    /** The interval doubled per failure in a row, capped, with ±10 % jitter so feeds that failed together spread out. */
    static Duration backoff(Duration interval, Duration max, int failures) {
        double factor = Math.pow(2, Math.min(failures, 30));
        long millis = (long) Math.min(max.toMillis(), interval.toMillis() * factor);
        return Duration.ofMillis((long) (millis * ThreadLocalRandom.current().nextDouble(0.9, 1.1)));
    }
}
