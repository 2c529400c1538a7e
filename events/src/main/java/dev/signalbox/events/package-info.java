/**
 * The contract every Signalbox module shares: channel names, positions, the topic registry, the
 * event records and their JSON serde. No Spring here: any Kafka client can use it.
 */
package dev.signalbox.events;
