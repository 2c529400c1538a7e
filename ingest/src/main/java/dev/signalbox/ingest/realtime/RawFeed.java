package dev.signalbox.ingest.realtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;

/**
 * A fetched FeedMessage split into its header and each entity's own bytes, without parsing the
 * entities: an entity whose bytes equal the last fetch's is unchanged, and only changed ones are
 * parsed, checked and published. On a 10,000-entity feed where little changed, that is most of a
 * poll's work saved.
 */
record RawFeed(FeedHeader header, List<Entity> entities, byte[] body) {

    /** FeedMessage's field numbers (gtfs-realtime.proto). */
    private static final int HEADER_FIELD = 1;
    private static final int ENTITY_FIELD = 2;
    /** FeedEntity's. */
    private static final int ID_FIELD = 1;
    private static final int IS_DELETED_FIELD = 2;

    /** One entity's id and bytes, as the feed sent them. */
    record Entity(String id, boolean deleted, byte[] bytes) {

        /** Parsed without insisting on required fields, so the validator can say which one is missing. */
        FeedEntity parse() throws InvalidProtocolBufferException {
            return FeedEntity.parser().parsePartialFrom(bytes);
        }

        boolean sameBytes(byte[] other) {
            return Arrays.equals(bytes, other);
        }
    }

    /** @throws InvalidProtocolBufferException when the body is not a FeedMessage */
    static RawFeed split(byte[] body) throws InvalidProtocolBufferException {
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            FeedHeader header = null;
            List<Entity> entities = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == HEADER_FIELD && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    header = FeedHeader.parser().parsePartialFrom(in.readBytes());
                } else if (field == ENTITY_FIELD && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    entities.add(entity(in.readByteArray()));
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            if (header == null) {
                throw new InvalidProtocolBufferException("the message has no header, which a FeedMessage requires");
            }
            return new RawFeed(header, entities, body);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    /** Reads only the entity's id and is_deleted; the rest waits until it has changed. */
    private static Entity entity(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String id = null;
        boolean deleted = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == ID_FIELD && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                id = in.readStringRequireUtf8();
            } else if (field == IS_DELETED_FIELD && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                deleted = in.readBool();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        if (id == null) {
            throw new InvalidProtocolBufferException("an entity has no id, which every FeedEntity requires");
        }
        return new Entity(id, deleted, bytes);
    }
}
