package dev.signalbox.events.transit;

import java.time.Instant;

import dev.signalbox.events.InstantText;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * {@link StopPrediction} written field by field: the same JSON as Jackson's reflective form of the
 * record (checked by {@code TransitJsonTest} against a mapper without this module), without its
 * per-property reflection. Predictions are what the transit topology writes most; writing them
 * reflectively was about 7 % of its stream thread. Read back by Jackson as any record.
 */
public final class TransitJson {

    private static final SerializableString FEED_ID = new SerializedString("feedId");
    private static final SerializableString TRIP_ID = new SerializedString("tripId");
    private static final SerializableString ROUTE_ID = new SerializedString("routeId");
    private static final SerializableString ROUTE_SHORT_NAME = new SerializedString("routeShortName");
    private static final SerializableString HEADSIGN = new SerializedString("headsign");
    private static final SerializableString STOP_ID = new SerializedString("stopId");
    private static final SerializableString STOP_NAME = new SerializedString("stopName");
    private static final SerializableString STOP_SEQUENCE = new SerializedString("stopSequence");
    private static final SerializableString SCHEDULED = new SerializedString("scheduled");
    private static final SerializableString PREDICTED = new SerializedString("predicted");
    private static final SerializableString DELAY_SECONDS = new SerializedString("delaySeconds");
    private static final SerializableString SCHEDULE_RELATIONSHIP = new SerializedString("scheduleRelationship");
    private static final SerializableString VEHICLE_ID = new SerializedString("vehicleId");
    private static final SerializableString OBSERVED_AT = new SerializedString("observedAt");

    /** Registered in {@code Json.MAPPER}. */
    public static final SimpleModule MODULE = new SimpleModule("signalbox-transit-json")
            .addSerializer(StopPrediction.class, new StdSerializer<>(StopPrediction.class) {
                @Override
                public void serialize(StopPrediction value, JsonGenerator generator, SerializationContext context) {
                    generator.writeStartObject(value);
                    text(generator, FEED_ID, value.feedId());
                    text(generator, TRIP_ID, value.tripId());
                    text(generator, ROUTE_ID, value.routeId());
                    text(generator, ROUTE_SHORT_NAME, value.routeShortName());
                    text(generator, HEADSIGN, value.headsign());
                    text(generator, STOP_ID, value.stopId());
                    text(generator, STOP_NAME, value.stopName());
                    generator.writeName(STOP_SEQUENCE);
                    generator.writeNumber(value.stopSequence());
                    instant(generator, SCHEDULED, value.scheduled());
                    instant(generator, PREDICTED, value.predicted());
                    generator.writeName(DELAY_SECONDS);
                    if (value.delaySeconds() == null) {
                        generator.writeNull();
                    } else {
                        generator.writeNumber(value.delaySeconds().intValue());
                    }
                    text(generator, SCHEDULE_RELATIONSHIP, value.scheduleRelationship());
                    text(generator, VEHICLE_ID, value.vehicleId());
                    instant(generator, OBSERVED_AT, value.observedAt());
                    generator.writeEndObject();
                }
            });

    private TransitJson() {
    }

    private static void text(JsonGenerator generator, SerializableString name, String value) {
        generator.writeName(name);
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value);
        }
    }

    private static void instant(JsonGenerator generator, SerializableString name, Instant value) {
        text(generator, name, value == null ? null : InstantText.format(value));
    }
}
