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

/**
 * A {@link dev.signalbox.events.transit.FeedEntity} record as JSON bytes, its entity in protobuf's
 * JSON mapping — the output of protobuf's {@code JsonFormat} for every GTFS-Realtime field (64-bit
 * integers as strings, enums by name, only fields that are set), written field by field. It exists
 * because {@code JsonFormat} is reflective and about ten times slower, which on a 10,000-entity
 * feed is the difference between a poll of 100 ms and one of a second.
 * {@code FeedEntityJsonTest} holds it to {@code JsonFormat}'s output on every fixture entity.
 */
final class FeedEntityJson {

    private FeedEntityJson() {
    }

    /** The record {@code {feedId, entityId, headerTime, removed, entity}} the feed topics carry. */
    static byte[] record(String feedId, Instant headerTime, boolean removed, FeedEntity entity) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = Json.MAPPER.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringProperty("feedId", feedId);
            json.writeStringProperty("entityId", entity.getId());
            json.writeStringProperty("headerTime", headerTime.toString());
            json.writeBooleanProperty("removed", removed);
            json.writeName("entity");
            entity(json, entity);
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    static void entity(JsonGenerator json, FeedEntity entity) {
        json.writeStartObject();
        json.writeStringProperty("id", entity.getId());
        if (entity.hasIsDeleted()) {
            json.writeBooleanProperty("isDeleted", entity.getIsDeleted());
        }
        if (entity.hasTripUpdate()) {
            json.writeName("tripUpdate");
            tripUpdate(json, entity.getTripUpdate());
        }
        if (entity.hasVehicle()) {
            json.writeName("vehicle");
            vehicle(json, entity.getVehicle());
        }
        if (entity.hasAlert()) {
            json.writeName("alert");
            alert(json, entity.getAlert());
        }
        json.writeEndObject();
    }

    private static void tripUpdate(JsonGenerator json, TripUpdate update) {
        json.writeStartObject();
        if (update.hasTrip()) {
            json.writeName("trip");
            trip(json, update.getTrip());
        }
        if (update.getStopTimeUpdateCount() > 0) {
            json.writeName("stopTimeUpdate");
            json.writeStartArray();
            for (TripUpdate.StopTimeUpdate stopTime : update.getStopTimeUpdateList()) {
                stopTimeUpdate(json, stopTime);
            }
            json.writeEndArray();
        }
        if (update.hasVehicle()) {
            json.writeName("vehicle");
            vehicleDescriptor(json, update.getVehicle());
        }
        if (update.hasTimestamp()) {
            json.writeStringProperty("timestamp", Long.toUnsignedString(update.getTimestamp()));
        }
        if (update.hasDelay()) {
            json.writeNumberProperty("delay", update.getDelay());
        }
        if (update.hasTripProperties()) {
            TripUpdate.TripProperties properties = update.getTripProperties();
            json.writeName("tripProperties");
            json.writeStartObject();
            if (properties.hasTripId()) {
                json.writeStringProperty("tripId", properties.getTripId());
            }
            if (properties.hasStartDate()) {
                json.writeStringProperty("startDate", properties.getStartDate());
            }
            if (properties.hasStartTime()) {
                json.writeStringProperty("startTime", properties.getStartTime());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void stopTimeUpdate(JsonGenerator json, TripUpdate.StopTimeUpdate stopTime) {
        json.writeStartObject();
        if (stopTime.hasStopSequence()) {
            json.writeNumberProperty("stopSequence", Integer.toUnsignedLong(stopTime.getStopSequence()));
        }
        if (stopTime.hasArrival()) {
            json.writeName("arrival");
            stopTimeEvent(json, stopTime.getArrival());
        }
        if (stopTime.hasDeparture()) {
            json.writeName("departure");
            stopTimeEvent(json, stopTime.getDeparture());
        }
        if (stopTime.hasStopId()) {
            json.writeStringProperty("stopId", stopTime.getStopId());
        }
        if (stopTime.hasScheduleRelationship()) {
            enumProperty(json, "scheduleRelationship", stopTime.getScheduleRelationship());
        }
        if (stopTime.hasStopTimeProperties()) {
            json.writeName("stopTimeProperties");
            json.writeStartObject();
            if (stopTime.getStopTimeProperties().hasAssignedStopId()) {
                json.writeStringProperty("assignedStopId", stopTime.getStopTimeProperties().getAssignedStopId());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void stopTimeEvent(JsonGenerator json, TripUpdate.StopTimeEvent event) {
        json.writeStartObject();
        if (event.hasDelay()) {
            json.writeNumberProperty("delay", event.getDelay());
        }
        if (event.hasTime()) {
            json.writeStringProperty("time", Long.toString(event.getTime()));
        }
        if (event.hasUncertainty()) {
            json.writeNumberProperty("uncertainty", event.getUncertainty());
        }
        json.writeEndObject();
    }

    private static void trip(JsonGenerator json, TripDescriptor trip) {
        json.writeStartObject();
        if (trip.hasTripId()) {
            json.writeStringProperty("tripId", trip.getTripId());
        }
        if (trip.hasStartTime()) {
            json.writeStringProperty("startTime", trip.getStartTime());
        }
        if (trip.hasStartDate()) {
            json.writeStringProperty("startDate", trip.getStartDate());
        }
        if (trip.hasScheduleRelationship()) {
            enumProperty(json, "scheduleRelationship", trip.getScheduleRelationship());
        }
        if (trip.hasRouteId()) {
            json.writeStringProperty("routeId", trip.getRouteId());
        }
        if (trip.hasDirectionId()) {
            json.writeNumberProperty("directionId", Integer.toUnsignedLong(trip.getDirectionId()));
        }
        json.writeEndObject();
    }

    private static void vehicleDescriptor(JsonGenerator json, VehicleDescriptor vehicle) {
        json.writeStartObject();
        if (vehicle.hasId()) {
            json.writeStringProperty("id", vehicle.getId());
        }
        if (vehicle.hasLabel()) {
            json.writeStringProperty("label", vehicle.getLabel());
        }
        if (vehicle.hasLicensePlate()) {
            json.writeStringProperty("licensePlate", vehicle.getLicensePlate());
        }
        json.writeEndObject();
    }

    private static void vehicle(JsonGenerator json, VehiclePosition vehicle) {
        json.writeStartObject();
        if (vehicle.hasTrip()) {
            json.writeName("trip");
            trip(json, vehicle.getTrip());
        }
        if (vehicle.hasPosition()) {
            json.writeName("position");
            position(json, vehicle.getPosition());
        }
        if (vehicle.hasCurrentStopSequence()) {
            json.writeNumberProperty("currentStopSequence", Integer.toUnsignedLong(vehicle.getCurrentStopSequence()));
        }
        if (vehicle.hasCurrentStatus()) {
            enumProperty(json, "currentStatus", vehicle.getCurrentStatus());
        }
        if (vehicle.hasTimestamp()) {
            json.writeStringProperty("timestamp", Long.toUnsignedString(vehicle.getTimestamp()));
        }
        if (vehicle.hasCongestionLevel()) {
            enumProperty(json, "congestionLevel", vehicle.getCongestionLevel());
        }
        if (vehicle.hasStopId()) {
            json.writeStringProperty("stopId", vehicle.getStopId());
        }
        if (vehicle.hasVehicle()) {
            json.writeName("vehicle");
            vehicleDescriptor(json, vehicle.getVehicle());
        }
        if (vehicle.hasOccupancyStatus()) {
            enumProperty(json, "occupancyStatus", vehicle.getOccupancyStatus());
        }
        if (vehicle.hasOccupancyPercentage()) {
            json.writeNumberProperty("occupancyPercentage", Integer.toUnsignedLong(vehicle.getOccupancyPercentage()));
        }
        if (vehicle.getMultiCarriageDetailsCount() > 0) {
            json.writeName("multiCarriageDetails");
            json.writeStartArray();
            for (VehiclePosition.CarriageDetails carriage : vehicle.getMultiCarriageDetailsList()) {
                json.writeStartObject();
                if (carriage.hasId()) {
                    json.writeStringProperty("id", carriage.getId());
                }
                if (carriage.hasLabel()) {
                    json.writeStringProperty("label", carriage.getLabel());
                }
                if (carriage.hasOccupancyStatus()) {
                    enumProperty(json, "occupancyStatus", carriage.getOccupancyStatus());
                }
                if (carriage.hasOccupancyPercentage()) {
                    json.writeNumberProperty("occupancyPercentage", carriage.getOccupancyPercentage());
                }
                if (carriage.hasCarriageSequence()) {
                    json.writeNumberProperty("carriageSequence", Integer.toUnsignedLong(carriage.getCarriageSequence()));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void position(JsonGenerator json, Position position) {
        json.writeStartObject();
        json.writeName("latitude");
        number(json, position.getLatitude());
        json.writeName("longitude");
        number(json, position.getLongitude());
        if (position.hasBearing()) {
            json.writeName("bearing");
            number(json, position.getBearing());
        }
        if (position.hasOdometer()) {
            json.writeName("odometer");
            number(json, position.getOdometer());
        }
        if (position.hasSpeed()) {
            json.writeName("speed");
            number(json, position.getSpeed());
        }
        json.writeEndObject();
    }

    private static void alert(JsonGenerator json, Alert alert) {
        json.writeStartObject();
        if (alert.getActivePeriodCount() > 0) {
            json.writeName("activePeriod");
            json.writeStartArray();
            for (TimeRange period : alert.getActivePeriodList()) {
                json.writeStartObject();
                if (period.hasStart()) {
                    json.writeStringProperty("start", Long.toUnsignedString(period.getStart()));
                }
                if (period.hasEnd()) {
                    json.writeStringProperty("end", Long.toUnsignedString(period.getEnd()));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (alert.getInformedEntityCount() > 0) {
            json.writeName("informedEntity");
            json.writeStartArray();
            for (EntitySelector selector : alert.getInformedEntityList()) {
                selector(json, selector);
            }
            json.writeEndArray();
        }
        if (alert.hasCause()) {
            enumProperty(json, "cause", alert.getCause());
        }
        if (alert.hasEffect()) {
            enumProperty(json, "effect", alert.getEffect());
        }
        translated(json, "url", alert.hasUrl(), alert.getUrl());
        translated(json, "headerText", alert.hasHeaderText(), alert.getHeaderText());
        translated(json, "descriptionText", alert.hasDescriptionText(), alert.getDescriptionText());
        translated(json, "ttsHeaderText", alert.hasTtsHeaderText(), alert.getTtsHeaderText());
        translated(json, "ttsDescriptionText", alert.hasTtsDescriptionText(), alert.getTtsDescriptionText());
        if (alert.hasSeverityLevel()) {
            enumProperty(json, "severityLevel", alert.getSeverityLevel());
        }
        json.writeEndObject();
    }

    private static void selector(JsonGenerator json, EntitySelector selector) {
        json.writeStartObject();
        if (selector.hasAgencyId()) {
            json.writeStringProperty("agencyId", selector.getAgencyId());
        }
        if (selector.hasRouteId()) {
            json.writeStringProperty("routeId", selector.getRouteId());
        }
        if (selector.hasRouteType()) {
            json.writeNumberProperty("routeType", selector.getRouteType());
        }
        if (selector.hasTrip()) {
            json.writeName("trip");
            trip(json, selector.getTrip());
        }
        if (selector.hasStopId()) {
            json.writeStringProperty("stopId", selector.getStopId());
        }
        if (selector.hasDirectionId()) {
            json.writeNumberProperty("directionId", Integer.toUnsignedLong(selector.getDirectionId()));
        }
        json.writeEndObject();
    }

    private static void translated(JsonGenerator json, String name, boolean present, TranslatedString text) {
        if (!present) {
            return;
        }
        json.writeName(name);
        json.writeStartObject();
        List<TranslatedString.Translation> translations = text.getTranslationList();
        if (!translations.isEmpty()) {
            json.writeName("translation");
            json.writeStartArray();
            for (TranslatedString.Translation translation : translations) {
                json.writeStartObject();
                if (translation.hasText()) {
                    json.writeStringProperty("text", translation.getText());
                }
                if (translation.hasLanguage()) {
                    json.writeStringProperty("language", translation.getLanguage());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void enumProperty(JsonGenerator json, String name, ProtocolMessageEnum value) {
        json.writeStringProperty(name, ((Enum<?>) value).name());
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
