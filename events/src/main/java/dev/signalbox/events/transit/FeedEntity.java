package dev.signalbox.events.transit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;

/**
 * One GTFS-Realtime entity as ingest polled it, on {@code feed.transit.*} keyed {@code <feedId>:<entityId>}.
 * <p>
 * On the topic the value is GTFS-Realtime's own {@code FeedMessage} in protobuf: a DIFFERENTIAL
 * header whose timestamp is the polled feed's header time, and exactly one entity, in the bytes the
 * feed sent. Any GTFS-Realtime reader takes it as it is, and ingest writes it without re-encoding
 * anything. A removal (the entity vanished from a FULL_DATASET feed) is the entity as last published
 * with {@code is_deleted} set, GTFS-Realtime's own way to say an entity is gone.
 *
 * @param feedId     the configured feed it came from; also the static feed whose ids it uses
 * @param entityId   the entity's {@code id} within the feed
 * @param headerTime the feed header's timestamp when the entity was fetched
 * @param removed    true when the entity vanished from a FULL_DATASET feed
 * @param entity     the GTFS-Realtime entity; for a removal, as it was last published, so consumers
 *                   know what to take down
 */
public record FeedEntity(String feedId, String entityId, Instant headerTime, boolean removed, GtfsRealtime.FeedEntity entity) {

    /** The value's media type, in each record's {@value #CONTENT_TYPE_HEADER} header. */
    public static final String CONTENT_TYPE = "application/x-protobuf; messageType=transit_realtime.FeedMessage";
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private static final int HEADER_FIELD = 1;
    private static final int ENTITY_FIELD = 2;

    public String key() {
        return feedId + ":" + entityId;
    }

    /**
     * The start of every record of one poll: the FeedMessage's header field, written once and
     * shared by the poll's records.
     *
     * @param gtfsRealtimeVersion the polled feed's version ("2.0" when it gave none)
     */
    public static byte[] headerField(String gtfsRealtimeVersion, Instant headerTime) {
        FeedHeader header = FeedHeader.newBuilder()
                .setGtfsRealtimeVersion(gtfsRealtimeVersion == null || gtfsRealtimeVersion.isEmpty() ? "2.0" : gtfsRealtimeVersion)
                .setIncrementality(FeedHeader.Incrementality.DIFFERENTIAL)
                .setTimestamp(headerTime.getEpochSecond())
                .build();
        byte[] field = new byte[CodedOutputStream.computeMessageSize(HEADER_FIELD, header)];
        CodedOutputStream out = CodedOutputStream.newInstance(field);
        write(out, () -> out.writeMessage(HEADER_FIELD, header));
        return field;
    }

    /** A record's value: the poll's {@link #headerField} and one entity's bytes, as a FeedMessage. */
    public static byte[] value(byte[] headerField, byte[] entityBytes) {
        byte[] value = new byte[headerField.length + CodedOutputStream.computeByteArraySize(ENTITY_FIELD, entityBytes)];
        System.arraycopy(headerField, 0, value, 0, headerField.length);
        CodedOutputStream out = CodedOutputStream.newInstance(value, headerField.length, value.length - headerField.length);
        write(out, () -> out.writeByteArray(ENTITY_FIELD, entityBytes));
        return value;
    }

    /** A removal's value: the entity as last published, marked deleted. */
    public static byte[] removal(byte[] headerField, GtfsRealtime.FeedEntity lastPublished) {
        return value(headerField, lastPublished.toBuilder().setIsDeleted(true).build().toByteArray());
    }

    /**
     * Reads a record of a feed topic.
     *
     * @throws IllegalArgumentException when the key or value is not a feed entity record
     */
    public static FeedEntity read(String key, byte[] value) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a feed entity key: '" + key + "' (expected <feedId>:<entityId>)");
        }
        FeedMessage message;
        try {
            // Partial: what each consumer needs of an entity, it checks itself, and says what is missing.
            message = FeedMessage.parser().parsePartialFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a GTFS-Realtime FeedMessage: " + e.getMessage(), e);
        }
        if (!message.getHeader().hasTimestamp() || message.getHeader().getTimestamp() <= 0) {
            throw new IllegalArgumentException("the FeedMessage has no header timestamp");
        }
        if (message.getEntityCount() != 1) {
            throw new IllegalArgumentException("the FeedMessage holds " + message.getEntityCount() + " entities, not one");
        }
        GtfsRealtime.FeedEntity entity = message.getEntity(0);
        if (!entity.hasId()) {
            throw new IllegalArgumentException("the entity has no id");
        }
        return new FeedEntity(key.substring(0, colon), entity.getId(), Instant.ofEpochSecond(message.getHeader().getTimestamp()),
                entity.getIsDeleted(), entity);
    }

    private interface Writing {
        void run() throws IOException;
    }

    /** Writes into a buffer sized for exactly what is written. */
    private static void write(CodedOutputStream out, Writing writing) {
        try {
            writing.run();
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("a sized protobuf buffer overflowed", e);
        }
    }
}
