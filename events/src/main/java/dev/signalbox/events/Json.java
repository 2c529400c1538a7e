package dev.signalbox.events;

import dev.signalbox.events.transit.TransitJson;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapping every module uses for events on the wire, so all agree on the format. */
public final class Json {

    /** Immutable and thread-safe (Jackson 3). Unknown fields are ignored so the contract can grow. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            // Instants as Jackson writes them by default, only faster (InstantText).
            .addModule(InstantText.MODULE)
            // The transit topology's most frequent event without reflection (TransitJson).
            .addModule(TransitJson.MODULE)
            .build();

    private Json() {
    }
}
