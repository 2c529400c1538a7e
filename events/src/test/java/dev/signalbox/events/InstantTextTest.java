package dev.signalbox.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class InstantTextTest {

    @Test
    void writesWhatInstantToStringWritesAcrossTheRangeAndEveryFractionLength() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long seconds = -70_000_000_000L + (long) (random.nextDouble() * 330_000_000_000L); // years -249 to 12428
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
        }
        for (String edge : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.000000001Z",
                "1970-01-01T00:00:00Z", "2024-02-29T12:00:00.100Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            Instant instant = Instant.parse(edge);
            assertThat(InstantText.format(instant)).isEqualTo(instant.toString()).isEqualTo(edge);
        }
        assertThat(InstantText.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        assertThat(InstantText.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    }

    record Stamped(Instant at, List<Instant> more) {
    }

    @Test
    void theSharedMapperWritesInstantsAsJacksonsDefaultDoesAndReadsThemBack() {
        Stamped value = new Stamped(Instant.parse("2026-11-24T06:58:00Z"),
                List.of(Instant.parse("2026-11-24T06:58:00.5Z"), Instant.parse("2026-11-24T06:58:20.123456789Z")));
        String json = Json.MAPPER.writeValueAsString(value);
        assertThat(json).isEqualTo(JsonMapper.builder().findAndAddModules().build().writeValueAsString(value))
                .isEqualTo("{\"at\":\"2026-11-24T06:58:00Z\",\"more\":[\"2026-11-24T06:58:00.500Z\",\"2026-11-24T06:58:20.123456789Z\"]}");
        assertThat(Json.MAPPER.readValue(json, Stamped.class)).isEqualTo(value);
    }
}
