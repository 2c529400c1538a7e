package dev.signalbox.ingest.realtime;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.transit.realtime.GtfsRealtime.FeedHeader.Incrementality;

import dev.signalbox.ingest.IngestProperties.EntityType;

/**
 * Each entity of one feed as last fetched, to handle only what changed: an entity whose bytes equal
 * the last fetch's is left alone (not parsed, checked, counted or published again), and one that a
 * FULL_DATASET feed no longer holds (or a DIFFERENTIAL feed marks deleted) becomes a removal
 * carrying what was last published of it. Everything is seen afresh when the feed's schedule
 * version changes, since its checks may now come out differently.
 * Held in memory: after a restart every entity is published once again, and one that vanished
 * while ingest was down is not removed (the processor ages such entities out by their time).
 */
final class EntityChanges {

    /**
     * @param changed   entities new or different since the last fetch
     * @param removed   what was last published of each entity gone since
     * @param present   the ids this fetch holds
     */
    record Changes(List<RawFeed.Entity> changed, List<Seen> removed, Set<String> present) {
    }

    /**
     * An entity as last fetched.
     *
     * @param type      its type, or null when it was not published (rejected, or of a type the feed does not publish)
     */
    record Seen(RawFeed.Entity entity, EntityType type, long scheduleVersion) {
        boolean published() {
            return type != null;
        }
    }

    private final Map<String, Seen> seen = new HashMap<>();

    /** What changed in this fetch. Nothing is remembered until {@link #commit}, so a failed publish is retried whole. */
    Changes compare(RawFeed feed, long scheduleVersion) {
        List<RawFeed.Entity> changed = new ArrayList<>();
        List<Seen> removed = new ArrayList<>();
        Set<String> present = new HashSet<>(feed.entities().size() * 2);
        for (RawFeed.Entity entity : feed.entities()) {
            if (entity.deleted()) {
                Seen last = seen.get(entity.id());
                if (last != null && last.published()) {
                    removed.add(last);
                }
                continue;
            }
            if (!present.add(entity.id())) {
                continue; // the same id twice in one message: the first counts
            }
            Seen last = seen.get(entity.id());
            if (last == null || last.scheduleVersion() != scheduleVersion || !entity.sameBytes(last.entity().bytes())) {
                changed.add(entity);
            }
        }
        if (feed.header().getIncrementality() == Incrementality.FULL_DATASET) {
            for (Seen last : seen.values()) {
                if (!present.contains(last.entity().id()) && last.published()) {
                    removed.add(last);
                }
            }
        }
        return new Changes(changed, removed, present);
    }

    /**
     * Remembers this fetch: each changed entity with the type it was published as (null if it was not),
     * and forgets what is gone.
     */
    void commit(RawFeed feed, Map<String, EntityType> publishedTypes, long scheduleVersion, Changes changes) {
        for (RawFeed.Entity entity : changes.changed()) {
            seen.put(entity.id(), new Seen(entity, publishedTypes.get(entity.id()), scheduleVersion));
        }
        changes.removed().forEach(gone -> seen.remove(gone.entity().id()));
        if (feed.header().getIncrementality() == Incrementality.FULL_DATASET) {
            seen.keySet().retainAll(changes.present());
        }
    }

    /** Entities published and still held, by type. */
    Map<EntityType, Integer> heldByType() {
        Map<EntityType, Integer> held = new EnumMap<>(EntityType.class);
        seen.values().stream().filter(Seen::published).forEach(entity -> held.merge(entity.type(), 1, Integer::sum));
        return held;
    }
}
