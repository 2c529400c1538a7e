package dev.signalbox.ingest.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;

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
    private final StaticFeeds schedules;
    private final FeedHealth health;
    private final Clock clock;
    private final EntityChanges changes = new EntityChanges();
    private FeedValidator.PreviousHeader previous;

    FeedPoller(RealtimeFeed feed, FeedFetcher fetcher, FeedPublisher publisher, StaticFeeds schedules, FeedHealth health, Clock clock) {
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
            FeedMessage message;
            try {
                message = FeedMessage.parser().parsePartialFrom(fetched.body());
            } catch (InvalidProtocolBufferException e) {
                health.ruleHits(Map.of(Rule.UNREADABLE, 1));
                publisher.deadLetterFeed(feed.id(), feed.feedId(), fetched.body(), Rule.UNREADABLE, e.getMessage());
                health.deadLettered(1);
                fetcher.forgetValidators();
                return failed("unreadable", "the body is not a GTFS-Realtime feed: " + e.getMessage());
            }
            publish(message, fetched.body(), started);
            return feed.interval();
        } catch (FeedFetcher.FetchFailedException e) {
            return failed(e.outcome(), e.getMessage());
        } catch (FeedPublisher.PublishFailedException e) {
            fetcher.forgetValidators();
            return failed("kafka", e.getMessage());
        }
    }

    private void publish(FeedMessage message, byte[] body, long started) throws FeedPublisher.PublishFailedException, InterruptedException {
        FeedValidator.Result result = FeedValidator.validate(message, previous, schedules.index(feed.feedId()), clock.instant(), feed.staleAfter());
        health.ruleHits(result.hits());
        if (result.feedRule() != null) {
            publisher.deadLetterFeed(feed.id(), feed.feedId(), body, result.feedRule(), result.feedDetail());
            health.deadLettered(1);
            health.refused(result.feedRule().id() + ": " + result.feedDetail());
            log.warn("Feed {}: refused a fetch under {}: {}", feed.id(), result.feedRule().id(), result.feedDetail());
            return;
        }
        for (FeedValidator.Rejected rejected : result.rejected()) {
            publisher.deadLetterEntity(feed.id(), feed.feedId(), rejected.entity(), rejected.rule(), rejected.detail());
        }
        health.deadLettered(result.rejected().size());

        List<FeedEntity> wanted = new ArrayList<>(result.accepted().size());
        Map<EntityType, Integer> held = new EnumMap<>(EntityType.class);
        for (FeedEntity entity : result.accepted()) {
            if (entity.getIsDeleted() || publisher.topicOf(entity, feed.entityTypes()) != null) {
                wanted.add(entity);
                if (!entity.getIsDeleted()) {
                    held.merge(typeOf(entity), 1, Integer::sum);
                }
            }
        }
        EntityChanges.Changes diff = changes.compare(wanted, message.getHeader().getIncrementality());
        List<FeedPublisher.Outgoing> outgoing = new ArrayList<>(diff.changed().size() + diff.removed().size());
        diff.changed().forEach(entity -> outgoing.add(new FeedPublisher.Outgoing(publisher.topicOf(entity, feed.entityTypes()), entity, false)));
        diff.removed().forEach(entity -> outgoing.add(new FeedPublisher.Outgoing(publisher.topicOf(entity, feed.entityTypes()), entity, true)));
        publisher.publish(feed.feedId(), result.headerTime(), outgoing);
        changes.commit(diff);
        if (message.getHeader().hasTimestamp() && message.getHeader().getTimestamp() > 0) {
            previous = new FeedValidator.PreviousHeader(message.getHeader().getTimestamp(), result.contentHash());
        }
        health.published(result.headerTime(), held, diff.changed().size(), diff.removed().size(), Duration.ofNanos(System.nanoTime() - started));
        if (!result.rejected().isEmpty()) {
            FeedValidator.Rejected first = result.rejected().get(0);
            log.info("Feed {}: {} entities to the dead-letter topic, the first under {} ({})", feed.id(), result.rejected().size(),
                    first.rule().id(), first.detail());
        }
    }

    private static EntityType typeOf(FeedEntity entity) {
        if (entity.hasTripUpdate()) {
            return EntityType.TRIP_UPDATES;
        }
        return entity.hasVehicle() ? EntityType.VEHICLE_POSITIONS : EntityType.ALERTS;
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
