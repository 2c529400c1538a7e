package dev.signalbox.ingest.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The imported schedule of each feed, as the validator checks against it; reloaded when the feed's
 * schedule version changes (one cheap query a poll), kept as it was while the database is away.
 */
@Component
class StaticFeeds {

    private static final Logger log = LoggerFactory.getLogger(StaticFeeds.class);

    private final JdbcClient jdbc;
    private final Map<String, StaticFeedIndex> indexes = new ConcurrentHashMap<>();

    StaticFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    StaticFeedIndex index(String feedId) {
        StaticFeedIndex current = indexes.getOrDefault(feedId, StaticFeedIndex.EMPTY);
        try {
            long version = StaticFeedIndex.currentVersion(jdbc, feedId);
            if (version != current.version()) {
                current = StaticFeedIndex.load(jdbc, feedId, version);
                indexes.put(feedId, current);
                log.info("Feed {}: validating against schedule version {}", feedId, version);
            }
        } catch (DataAccessException e) {
            log.warn("Feed {}: could not check the schedule version, validating against version {}: {}", feedId, current.version(),
                    e.getMostSpecificCause().getMessage());
        }
        return current;
    }
}
