package dev.signalbox.events.transit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signalbox.events.Json;
import tools.jackson.databind.json.JsonMapper;

class TransitJsonTest {

    /** Jackson's reflective form of the records, as written before TransitJson. */
    private static final JsonMapper REFLECTIVE = JsonMapper.builder().findAndAddModules().build();

    private static final List<StopPrediction> PREDICTIONS = List.of(
            new StopPrediction("metro", "T1", "42", "42", "Airport", "S1", "Main St", 1, Instant.parse("2026-11-24T07:00:00Z"),
                    Instant.parse("2026-11-24T07:04:00Z"), 240, "SCHEDULED", "bus-7", Instant.parse("2026-11-24T06:58:00Z")),
            new StopPrediction("metro", "T1", null, null, null, "S9", null, 9, null, Instant.parse("2026-11-24T07:05:00.123456789Z"), null,
                    "NO_DATA", null, Instant.parse("2026-11-24T06:58:00.5Z")),
            new StopPrediction("a \"quoted\" feed", "trip\\1", "route\n2", "ü", "Flughafen 😀", "S\t1", "</script>", -3,
                    Instant.parse("1970-01-01T00:00:00Z"), null, -75, "SKIPPED", "\u0000", Instant.parse("+12026-01-01T00:00:00Z")));

    @Test
    void aPredictionIsWrittenExactlyAsJacksonWritesTheRecordReflectively() {
        for (StopPrediction prediction : PREDICTIONS) {
            assertThat(Json.MAPPER.writeValueAsString(prediction)).isEqualTo(REFLECTIVE.writeValueAsString(prediction));
        }
    }

    @Test
    void aPredictionReadsBackAsItself() {
        for (StopPrediction prediction : PREDICTIONS) {
            assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(prediction), StopPrediction.class)).isEqualTo(prediction);
        }
    }
}
