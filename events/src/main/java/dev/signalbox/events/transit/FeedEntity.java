package dev.signalbox.events.transit;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One GTFS-Realtime entity as ingest polled it, on {@code feed.transit.*} keyed {@code <feedId>:<entityId>}.
 *
 * @param feedId     the configured feed it came from; also the static feed whose ids it uses
 * @param entityId   the entity's {@code id} within the feed
 * @param headerTime the feed header's timestamp when the entity was fetched
 * @param removed    true when the entity vanished from a FULL_DATASET feed
 * @param entity     the GTFS-Realtime {@code FeedEntity} message in protobuf's JSON mapping (camelCase
 *                   fields: {@code tripUpdate}, {@code vehicle}, {@code alert}); for a removal, the
 *                   entity as it was last published, so consumers know what to take down
 */
public record FeedEntity(String feedId, String entityId, Instant headerTime, boolean removed, JsonNode entity) {

    public String key() {
        return feedId + ":" + entityId;
    }
}
