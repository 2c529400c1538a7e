package dev.signalbox.ingest.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.util.JsonFormat;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;

import dev.signalbox.events.Json;
import dev.signalbox.ingest.fixtures.TransitFixtures;
import tools.jackson.databind.JsonNode;

/** The hand-written JSON of every real fixture entity is what protobuf's own JsonFormat writes. */
class FeedEntityJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"trip-updates.textproto", "vehicle-positions.textproto", "alerts.textproto"})
    void everyEntityIsWrittenAsJsonFormatWritesIt(String fixture) throws Exception {
        FeedMessage message = TransitFixtures.realtime(fixture);
        JsonFormat.Printer reference = JsonFormat.printer();
        for (FeedEntity entity : message.getEntityList()) {
            JsonNode record = Json.MAPPER.readTree(FeedEntityJson.record("mbta", Instant.ofEpochSecond(message.getHeader().getTimestamp()), false, entity, entity.getSerializedSize()));
            assertThat(record.get("entity")).as(entity.getId()).isEqualTo(Json.MAPPER.readTree(reference.print(entity)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trip-updates.textproto"})
    void theRecordIsTheFeedEntityContractEveryConsumerReads(String fixture) {
        FeedMessage message = TransitFixtures.realtime(fixture);
        FeedEntity entity = message.getEntity(0);
        Instant header = Instant.ofEpochSecond(message.getHeader().getTimestamp());
        dev.signalbox.events.transit.FeedEntity read = Json.MAPPER.readValue(FeedEntityJson.record("mbta", header, true, entity, entity.getSerializedSize()),
                dev.signalbox.events.transit.FeedEntity.class);
        assertThat(read.key()).isEqualTo("mbta:" + entity.getId());
        assertThat(read.headerTime()).isEqualTo(header);
        assertThat(read.removed()).isTrue();
        assertThat(read.entity().get("tripUpdate").get("trip").get("tripId").asString()).isEqualTo(entity.getTripUpdate().getTrip().getTripId());
        assertThat(List.of(read.entity().get("tripUpdate").get("stopTimeUpdate").size())).containsExactly(entity.getTripUpdate().getStopTimeUpdateCount());
    }
}
