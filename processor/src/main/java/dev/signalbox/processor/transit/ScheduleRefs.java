package dev.signalbox.processor.transit;

/** The parts of the GTFS static schedule the transit topology looks up, as its global stores hold them. */
final class ScheduleRefs {

    private ScheduleRefs() {
    }

    record RouteRef(String shortName, String longName, int type) {
    }

    record StopRef(String name, Double latitude, Double longitude) {
    }

    record TripRef(String routeId, String headsign, Integer directionId, String serviceId) {
    }

    /** One stop of a trip: times are seconds after the service day's start. */
    record ScheduledStop(int stopSequence, String stopId, Integer arrivalSeconds, Integer departureSeconds) {
    }
}
