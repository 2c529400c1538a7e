package dev.signalbox.ingest.realtime;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import com.google.protobuf.ProtocolMessageEnum;
import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TimeRange;
import com.google.transit.realtime.GtfsRealtime.TranslatedString;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;

import dev.signalbox.events.Json;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * A {@link dev.signalbox.events.transit.FeedEntity} record as JSON bytes, its entity in protobuf's
 * JSON mapping — the output of protobuf's {@code JsonFormat} for every GTFS-Realtime field (64-bit
 * integers as strings, enums by name, only fields that are set), written field by field. It exists
 * because {@code JsonFormat} is reflective and about ten times slower, which on a 10,000-entity
 * feed is the difference between a poll of 100 ms and one of a second.
 * {@code FeedEntityJsonTest} holds it to {@code JsonFormat}'s output on every fixture entity.
 */
final class FeedEntityJson {

    // Property names encoded once: writing them is most of the work otherwise.
    private static final SerializedString ACTIVE_PERIOD = new SerializedString("activePeriod");
    private static final SerializedString AGENCY_ID = new SerializedString("agencyId");
    private static final SerializedString ALERT = new SerializedString("alert");
    private static final SerializedString ARRIVAL = new SerializedString("arrival");
    private static final SerializedString ASSIGNED_STOP_ID = new SerializedString("assignedStopId");
    private static final SerializedString BEARING = new SerializedString("bearing");
    private static final SerializedString CARRIAGE_SEQUENCE = new SerializedString("carriageSequence");
    private static final SerializedString CAUSE = new SerializedString("cause");
    private static final SerializedString CONGESTION_LEVEL = new SerializedString("congestionLevel");
    private static final SerializedString CURRENT_STATUS = new SerializedString("currentStatus");
    private static final SerializedString CURRENT_STOP_SEQUENCE = new SerializedString("currentStopSequence");
    private static final SerializedString DELAY = new SerializedString("delay");
    private static final SerializedString DEPARTURE = new SerializedString("departure");
    private static final SerializedString DESCRIPTION_TEXT = new SerializedString("descriptionText");
    private static final SerializedString DIRECTION_ID = new SerializedString("directionId");
    private static final SerializedString EFFECT = new SerializedString("effect");
    private static final SerializedString END = new SerializedString("end");
    private static final SerializedString ENTITY = new SerializedString("entity");
    private static final SerializedString ENTITY_ID = new SerializedString("entityId");
    private static final SerializedString FEED_ID = new SerializedString("feedId");
    private static final SerializedString HEADER_TEXT = new SerializedString("headerText");
    private static final SerializedString HEADER_TIME = new SerializedString("headerTime");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString INFORMED_ENTITY = new SerializedString("informedEntity");
    private static final SerializedString IS_DELETED = new SerializedString("isDeleted");
    private static final SerializedString LABEL = new SerializedString("label");
    private static final SerializedString LANGUAGE = new SerializedString("language");
    private static final SerializedString LATITUDE = new SerializedString("latitude");
    private static final SerializedString LICENSE_PLATE = new SerializedString("licensePlate");
    private static final SerializedString LONGITUDE = new SerializedString("longitude");
    private static final SerializedString MULTI_CARRIAGE_DETAILS = new SerializedString("multiCarriageDetails");
    private static final SerializedString OCCUPANCY_PERCENTAGE = new SerializedString("occupancyPercentage");
    private static final SerializedString OCCUPANCY_STATUS = new SerializedString("occupancyStatus");
    private static final SerializedString ODOMETER = new SerializedString("odometer");
    private static final SerializedString POSITION = new SerializedString("position");
    private static final SerializedString REMOVED = new SerializedString("removed");
    private static final SerializedString ROUTE_ID = new SerializedString("routeId");
    private static final SerializedString ROUTE_TYPE = new SerializedString("routeType");
    private static final SerializedString SCHEDULE_RELATIONSHIP = new SerializedString("scheduleRelationship");
    private static final SerializedString SEVERITY_LEVEL = new SerializedString("severityLevel");
    private static final SerializedString SPEED = new SerializedString("speed");
    private static final SerializedString START = new SerializedString("start");
    private static final SerializedString START_DATE = new SerializedString("startDate");
    private static final SerializedString START_TIME = new SerializedString("startTime");
    private static final SerializedString STOP_ID = new SerializedString("stopId");
    private static final SerializedString STOP_SEQUENCE = new SerializedString("stopSequence");
    private static final SerializedString STOP_TIME_PROPERTIES = new SerializedString("stopTimeProperties");
    private static final SerializedString STOP_TIME_UPDATE = new SerializedString("stopTimeUpdate");
    private static final SerializedString TEXT = new SerializedString("text");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString TRANSLATION = new SerializedString("translation");
    private static final SerializedString TRIP = new SerializedString("trip");
    private static final SerializedString TRIP_ID = new SerializedString("tripId");
    private static final SerializedString TRIP_PROPERTIES = new SerializedString("tripProperties");
    private static final SerializedString TRIP_UPDATE = new SerializedString("tripUpdate");
    private static final SerializedString TTS_DESCRIPTION_TEXT = new SerializedString("ttsDescriptionText");
    private static final SerializedString TTS_HEADER_TEXT = new SerializedString("ttsHeaderText");
    private static final SerializedString UNCERTAINTY = new SerializedString("uncertainty");
    private static final SerializedString URL = new SerializedString("url");
    private static final SerializedString VEHICLE = new SerializedString("vehicle");

    private FeedEntityJson() {
    }

    /**
     * The record {@code {feedId, entityId, headerTime, removed, entity}} the feed topics carry.
     *
     * @param protobufSize the entity's size as protobuf: JSON takes about four times that, so the
     *                     buffer is sized once instead of grown and copied
     */
    static byte[] record(String feedId, Instant headerTime, boolean removed, FeedEntity entity, int protobufSize) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + protobufSize * 4);
        try (JsonGenerator json = Json.MAPPER.createGenerator(bytes)) {
            json.writeStartObject();
            text(json, FEED_ID, feedId);
            text(json, ENTITY_ID, entity.getId());
            text(json, HEADER_TIME, headerTime.toString());
            flag(json, REMOVED, removed);
            json.writeName(ENTITY);
            entity(json, entity);
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    static void entity(JsonGenerator json, FeedEntity entity) {
        json.writeStartObject();
        text(json, ID, entity.getId());
        if (entity.hasIsDeleted()) {
            flag(json, IS_DELETED, entity.getIsDeleted());
        }
        if (entity.hasTripUpdate()) {
            json.writeName(TRIP_UPDATE);
            tripUpdate(json, entity.getTripUpdate());
        }
        if (entity.hasVehicle()) {
            json.writeName(VEHICLE);
            vehicle(json, entity.getVehicle());
        }
        if (entity.hasAlert()) {
            json.writeName(ALERT);
            alert(json, entity.getAlert());
        }
        json.writeEndObject();
    }

    private static void tripUpdate(JsonGenerator json, TripUpdate update) {
        json.writeStartObject();
        if (update.hasTrip()) {
            json.writeName(TRIP);
            trip(json, update.getTrip());
        }
        if (update.getStopTimeUpdateCount() > 0) {
            json.writeName(STOP_TIME_UPDATE);
            json.writeStartArray();
            for (TripUpdate.StopTimeUpdate stopTime : update.getStopTimeUpdateList()) {
                stopTimeUpdate(json, stopTime);
            }
            json.writeEndArray();
        }
        if (update.hasVehicle()) {
            json.writeName(VEHICLE);
            vehicleDescriptor(json, update.getVehicle());
        }
        if (update.hasTimestamp()) {
            text(json, TIMESTAMP, Long.toUnsignedString(update.getTimestamp()));
        }
        if (update.hasDelay()) {
            whole(json, DELAY, update.getDelay());
        }
        if (update.hasTripProperties()) {
            TripUpdate.TripProperties properties = update.getTripProperties();
            json.writeName(TRIP_PROPERTIES);
            json.writeStartObject();
            if (properties.hasTripId()) {
                text(json, TRIP_ID, properties.getTripId());
            }
            if (properties.hasStartDate()) {
                text(json, START_DATE, properties.getStartDate());
            }
            if (properties.hasStartTime()) {
                text(json, START_TIME, properties.getStartTime());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void stopTimeUpdate(JsonGenerator json, TripUpdate.StopTimeUpdate stopTime) {
        json.writeStartObject();
        if (stopTime.hasStopSequence()) {
            whole(json, STOP_SEQUENCE, Integer.toUnsignedLong(stopTime.getStopSequence()));
        }
        if (stopTime.hasArrival()) {
            json.writeName(ARRIVAL);
            stopTimeEvent(json, stopTime.getArrival());
        }
        if (stopTime.hasDeparture()) {
            json.writeName(DEPARTURE);
            stopTimeEvent(json, stopTime.getDeparture());
        }
        if (stopTime.hasStopId()) {
            text(json, STOP_ID, stopTime.getStopId());
        }
        if (stopTime.hasScheduleRelationship()) {
            enumProperty(json, SCHEDULE_RELATIONSHIP, stopTime.getScheduleRelationship());
        }
        if (stopTime.hasStopTimeProperties()) {
            json.writeName(STOP_TIME_PROPERTIES);
            json.writeStartObject();
            if (stopTime.getStopTimeProperties().hasAssignedStopId()) {
                text(json, ASSIGNED_STOP_ID, stopTime.getStopTimeProperties().getAssignedStopId());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void stopTimeEvent(JsonGenerator json, TripUpdate.StopTimeEvent event) {
        json.writeStartObject();
        if (event.hasDelay()) {
            whole(json, DELAY, event.getDelay());
        }
        if (event.hasTime()) {
            text(json, TIME, Long.toString(event.getTime()));
        }
        if (event.hasUncertainty()) {
            whole(json, UNCERTAINTY, event.getUncertainty());
        }
        json.writeEndObject();
    }

    private static void trip(JsonGenerator json, TripDescriptor trip) {
        json.writeStartObject();
        if (trip.hasTripId()) {
            text(json, TRIP_ID, trip.getTripId());
        }
        if (trip.hasStartTime()) {
            text(json, START_TIME, trip.getStartTime());
        }
        if (trip.hasStartDate()) {
            text(json, START_DATE, trip.getStartDate());
        }
        if (trip.hasScheduleRelationship()) {
            enumProperty(json, SCHEDULE_RELATIONSHIP, trip.getScheduleRelationship());
        }
        if (trip.hasRouteId()) {
            text(json, ROUTE_ID, trip.getRouteId());
        }
        if (trip.hasDirectionId()) {
            whole(json, DIRECTION_ID, Integer.toUnsignedLong(trip.getDirectionId()));
        }
        json.writeEndObject();
    }

    private static void vehicleDescriptor(JsonGenerator json, VehicleDescriptor vehicle) {
        json.writeStartObject();
        if (vehicle.hasId()) {
            text(json, ID, vehicle.getId());
        }
        if (vehicle.hasLabel()) {
            text(json, LABEL, vehicle.getLabel());
        }
        if (vehicle.hasLicensePlate()) {
            text(json, LICENSE_PLATE, vehicle.getLicensePlate());
        }
        json.writeEndObject();
    }

    private static void vehicle(JsonGenerator json, VehiclePosition vehicle) {
        json.writeStartObject();
        if (vehicle.hasTrip()) {
            json.writeName(TRIP);
            trip(json, vehicle.getTrip());
        }
        if (vehicle.hasPosition()) {
            json.writeName(POSITION);
            position(json, vehicle.getPosition());
        }
        if (vehicle.hasCurrentStopSequence()) {
            whole(json, CURRENT_STOP_SEQUENCE, Integer.toUnsignedLong(vehicle.getCurrentStopSequence()));
        }
        if (vehicle.hasCurrentStatus()) {
            enumProperty(json, CURRENT_STATUS, vehicle.getCurrentStatus());
        }
        if (vehicle.hasTimestamp()) {
            text(json, TIMESTAMP, Long.toUnsignedString(vehicle.getTimestamp()));
        }
        if (vehicle.hasCongestionLevel()) {
            enumProperty(json, CONGESTION_LEVEL, vehicle.getCongestionLevel());
        }
        if (vehicle.hasStopId()) {
            text(json, STOP_ID, vehicle.getStopId());
        }
        if (vehicle.hasVehicle()) {
            json.writeName(VEHICLE);
            vehicleDescriptor(json, vehicle.getVehicle());
        }
        if (vehicle.hasOccupancyStatus()) {
            enumProperty(json, OCCUPANCY_STATUS, vehicle.getOccupancyStatus());
        }
        if (vehicle.hasOccupancyPercentage()) {
            whole(json, OCCUPANCY_PERCENTAGE, Integer.toUnsignedLong(vehicle.getOccupancyPercentage()));
        }
        if (vehicle.getMultiCarriageDetailsCount() > 0) {
            json.writeName(MULTI_CARRIAGE_DETAILS);
            json.writeStartArray();
            for (VehiclePosition.CarriageDetails carriage : vehicle.getMultiCarriageDetailsList()) {
                json.writeStartObject();
                if (carriage.hasId()) {
                    text(json, ID, carriage.getId());
                }
                if (carriage.hasLabel()) {
                    text(json, LABEL, carriage.getLabel());
                }
                if (carriage.hasOccupancyStatus()) {
                    enumProperty(json, OCCUPANCY_STATUS, carriage.getOccupancyStatus());
                }
                if (carriage.hasOccupancyPercentage()) {
                    whole(json, OCCUPANCY_PERCENTAGE, carriage.getOccupancyPercentage());
                }
                if (carriage.hasCarriageSequence()) {
                    whole(json, CARRIAGE_SEQUENCE, Integer.toUnsignedLong(carriage.getCarriageSequence()));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void position(JsonGenerator json, Position position) {
        json.writeStartObject();
        json.writeName(LATITUDE);
        number(json, position.getLatitude());
        json.writeName(LONGITUDE);
        number(json, position.getLongitude());
        if (position.hasBearing()) {
            json.writeName(BEARING);
            number(json, position.getBearing());
        }
        if (position.hasOdometer()) {
            json.writeName(ODOMETER);
            number(json, position.getOdometer());
        }
        if (position.hasSpeed()) {
            json.writeName(SPEED);
            number(json, position.getSpeed());
        }
        json.writeEndObject();
    }

    private static void alert(JsonGenerator json, Alert alert) {
        json.writeStartObject();
        if (alert.getActivePeriodCount() > 0) {
            json.writeName(ACTIVE_PERIOD);
            json.writeStartArray();
            for (TimeRange period : alert.getActivePeriodList()) {
                json.writeStartObject();
                if (period.hasStart()) {
                    text(json, START, Long.toUnsignedString(period.getStart()));
                }
                if (period.hasEnd()) {
                    text(json, END, Long.toUnsignedString(period.getEnd()));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (alert.getInformedEntityCount() > 0) {
            json.writeName(INFORMED_ENTITY);
            json.writeStartArray();
            for (EntitySelector selector : alert.getInformedEntityList()) {
                selector(json, selector);
            }
            json.writeEndArray();
        }
        if (alert.hasCause()) {
            enumProperty(json, CAUSE, alert.getCause());
        }
        if (alert.hasEffect()) {
            enumProperty(json, EFFECT, alert.getEffect());
        }
        translated(json, URL, alert.hasUrl(), alert.getUrl());
        translated(json, HEADER_TEXT, alert.hasHeaderText(), alert.getHeaderText());
        translated(json, DESCRIPTION_TEXT, alert.hasDescriptionText(), alert.getDescriptionText());
        translated(json, TTS_HEADER_TEXT, alert.hasTtsHeaderText(), alert.getTtsHeaderText());
        translated(json, TTS_DESCRIPTION_TEXT, alert.hasTtsDescriptionText(), alert.getTtsDescriptionText());
        if (alert.hasSeverityLevel()) {
            enumProperty(json, SEVERITY_LEVEL, alert.getSeverityLevel());
        }
        json.writeEndObject();
    }

    private static void selector(JsonGenerator json, EntitySelector selector) {
        json.writeStartObject();
        if (selector.hasAgencyId()) {
            text(json, AGENCY_ID, selector.getAgencyId());
        }
        if (selector.hasRouteId()) {
            text(json, ROUTE_ID, selector.getRouteId());
        }
        if (selector.hasRouteType()) {
            whole(json, ROUTE_TYPE, selector.getRouteType());
        }
        if (selector.hasTrip()) {
            json.writeName(TRIP);
            trip(json, selector.getTrip());
        }
        if (selector.hasStopId()) {
            text(json, STOP_ID, selector.getStopId());
        }
        if (selector.hasDirectionId()) {
            whole(json, DIRECTION_ID, Integer.toUnsignedLong(selector.getDirectionId()));
        }
        json.writeEndObject();
    }

    private static void translated(JsonGenerator json, SerializableString name, boolean present, TranslatedString text) {
        if (!present) {
            return;
        }
        json.writeName(name);
        json.writeStartObject();
        List<TranslatedString.Translation> translations = text.getTranslationList();
        if (!translations.isEmpty()) {
            json.writeName(TRANSLATION);
            json.writeStartArray();
            for (TranslatedString.Translation translation : translations) {
                json.writeStartObject();
                if (translation.hasText()) {
                    text(json, TEXT, translation.getText());
                }
                if (translation.hasLanguage()) {
                    text(json, LANGUAGE, translation.getLanguage());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void text(JsonGenerator json, SerializableString name, String value) {
        json.writeName(name);
        json.writeString(value);
    }

    private static void whole(JsonGenerator json, SerializableString name, long value) {
        json.writeName(name);
        json.writeNumber(value);
    }

    private static void flag(JsonGenerator json, SerializableString name, boolean value) {
        json.writeName(name);
        json.writeBoolean(value);
    }

    private static void enumProperty(JsonGenerator json, SerializableString name, ProtocolMessageEnum value) {
        json.writeName(name);
        json.writeString(((Enum<?>) value).name());
    }

    /** As JsonFormat writes them: finite numbers as numbers, NaN and infinities as strings. */
    private static void number(JsonGenerator json, double value) {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value));
        }
    }

    private static void number(JsonGenerator json, float value) {
        if (Float.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Float.toString(value));
        }
    }
}
