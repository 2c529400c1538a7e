package dev.signalbox.events;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The value of a record in a compacted {@code state.*} topic: the latest state of one entity, keyed
 * by {@link #entity()}. An entity that leaves the state (a closed posting, a finished trip) is a
 * tombstone. Gateways read these topics to answer {@code snapshot} subscriptions.
 *
 * @param entity    the entity's id, also the record key and the {@code ce_subject} of its live events
 * @param channels  every channel whose snapshot includes this entity
 * @param version   the entity's source position (e.g. the change's log position); its live events carry
 *                  the same number in {@code ce_entityversion}, so a live event at or below it is in the state
 * @param updatedAt when the source changed
 * @param data      the entity as the live events of its channels show it
 */
public record StateRecord(String entity, List<String> channels, long version, Instant updatedAt, JsonNode data) {
}
