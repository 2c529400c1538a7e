package dev.signalbox.ingest.realtime;

/**
 * What ingest checks a GTFS-Realtime feed for, after the rules of MobilityData's GTFS-Realtime
 * validator (their ids where they have one). A rule's {@link Effect} says what a hit does: a warning
 * is counted and the data flows on; an entity error sends that entity to the dead-letter topic; a
 * feed error sends the whole fetch there. Every hit is counted per feed and rule.
 */
enum Rule {

    UNREADABLE("unreadable", "the body is not a GTFS-Realtime FeedMessage", Effect.REJECT_FEED),
    E048("E048", "header timestamp not populated (the fetch time is used instead)", Effect.WARN),
    E018("E018", "header timestamp decreased since the previous fetch", Effect.REJECT_FEED),
    E017("E017", "content changed but the header timestamp did not", Effect.WARN),
    W008("W008", "header timestamp is older than the feed's stale-after limit", Effect.WARN),
    E012("E012", "an entity's timestamp is later than the header timestamp", Effect.WARN),
    INCOMPLETE("incomplete", "the entity lacks a field GTFS-Realtime requires", Effect.REJECT_ENTITY),
    E002("E002", "stop_time_updates are not strictly sorted by stop_sequence", Effect.REJECT_ENTITY),
    E003("E003", "trip_id does not exist in the GTFS schedule", Effect.REJECT_ENTITY),
    E004("E004", "route_id does not exist in the GTFS schedule", Effect.REJECT_ENTITY),
    E011("E011", "stop_id does not exist in the GTFS schedule", Effect.WARN),
    E026("E026", "invalid vehicle position (latitude or longitude out of range)", Effect.REJECT_ENTITY),
    E028("E028", "vehicle position outside the feed's coverage area", Effect.WARN),
    E032("E032", "alert does not have an informed_entity", Effect.REJECT_ENTITY);

    enum Effect { WARN, REJECT_ENTITY, REJECT_FEED }

    private final String id;
    private final String title;
    private final Effect effect;

    Rule(String id, String title, Effect effect) {
        this.id = id;
        this.title = title;
        this.effect = effect;
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    Effect effect() {
        return effect;
    }
}
