package dev.signalbox.ingest.realtime;

/**
 * What ingest checks a GTFS-Realtime feed for, after the rules of MobilityData's GTFS-Realtime
 * validator (their ids where they have one). Every hit is counted per feed and rule. A hit of
 * {@link #UNREADABLE} or {@link #E018} sends the whole fetch to the dead-letter topic; one of
 * {@link #INCOMPLETE}, E002, E003, E004, E026 or E032 sends that entity there (also UNREADABLE, for
 * one entity that cannot be read); the others are warnings, counted while the data flows on.
 */
enum Rule {

    UNREADABLE("unreadable", "the body is not a GTFS-Realtime FeedMessage"),
    E048("E048", "header timestamp not populated (the fetch time is used instead)"),
    E018("E018", "header timestamp decreased since the previous fetch"),
    E017("E017", "content changed but the header timestamp did not"),
    W008("W008", "header timestamp is older than the feed's stale-after limit"),
    E012("E012", "an entity's timestamp is later than the header timestamp"),
    INCOMPLETE("incomplete", "the entity lacks a field GTFS-Realtime requires"),
    E002("E002", "stop_time_updates are not strictly sorted by stop_sequence"),
    E003("E003", "trip_id does not exist in the GTFS schedule"),
    E004("E004", "route_id does not exist in the GTFS schedule"),
    E011("E011", "stop_id does not exist in the GTFS schedule"),
    E026("E026", "invalid vehicle position (latitude or longitude out of range)"),
    E028("E028", "vehicle position outside the feed's coverage area"),
    E032("E032", "alert does not have an informed_entity");

    private final String id;
    private final String title;

    Rule(String id, String title) {
        this.id = id;
        this.title = title;
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }
}
