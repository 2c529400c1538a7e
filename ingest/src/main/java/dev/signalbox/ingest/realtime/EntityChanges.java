package dev.signalbox.ingest.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader.Incrementality;

/**
 * The entities of one feed as last published, to publish only what changed: an entity equal to its
 * last published self is left out, and an entity a FULL_DATASET feed no longer holds (or one a
 * DIFFERENTIAL feed marks deleted) becomes a removal carrying what was last published of it.
 * Held in memory: after a restart every entity is published once again, and one that vanished
 * while ingest was down is not removed (the processor ages such entities out by their time).
 */
final class EntityChanges {

    record Changes(List<FeedEntity> changed, List<FeedEntity> removed) {
    }

    private final Map<String, FeedEntity> published = new HashMap<>();

    /**
     * What to publish of this fetch's accepted entities. Call {@link #commit} once they are
     * published, so a failed publish is retried whole at the next poll.
     */
    Changes compare(List<FeedEntity> entities, Incrementality incrementality) {
        List<FeedEntity> changed = new ArrayList<>();
        List<FeedEntity> removed = new ArrayList<>();
        Set<String> present = new HashSet<>(entities.size() * 2);
        for (FeedEntity entity : entities) {
            String id = entity.getId();
            if (entity.getIsDeleted()) {
                FeedEntity last = published.get(id);
                if (last != null) {
                    removed.add(last);
                }
                continue;
            }
            if (!present.add(id)) {
                continue; // the same id twice in one message: the first counts
            }
            if (!entity.equals(published.get(id))) {
                changed.add(entity);
            }
        }
        if (incrementality == Incrementality.FULL_DATASET) {
            for (Map.Entry<String, FeedEntity> last : published.entrySet()) {
                if (!present.contains(last.getKey())) {
                    removed.add(last.getValue());
                }
            }
        }
        return new Changes(changed, removed);
    }

    void commit(Changes changes) {
        changes.changed().forEach(entity -> published.put(entity.getId(), entity));
        changes.removed().forEach(entity -> published.remove(entity.getId()));
    }

    int size() {
        return published.size();
    }
}
