package dev.signalbox.events.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.google.transit.realtime.GtfsRealtime;
import com.google.transit.realtime.GtfsRealtime.FeedHeader.Incrementality;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;

class FeedEntityTest {

    private static final Instant HEADER_TIME = Instant.parse("2026-12-02T08:00:00Z");
    private static final GtfsRealtime.FeedEntity VEHICLE = GtfsRealtime.FeedEntity.newBuilder()
            .setId("v:7")
            .setVehicle(GtfsRealtime.VehiclePosition.newBuilder()
                    .setTrip(GtfsRealtime.TripDescriptor.newBuilder().setTripId("T1"))
                    .setPosition(GtfsRealtime.Position.newBuilder().setLatitude(52.5f).setLongitude(13.4f)))
            .build();

    @Test
    void aRecordIsAOneEntityDifferentialFeedMessageThatAnyGtfsRealtimeReaderTakes() throws Exception {
        byte[] value = FeedEntity.value(FeedEntity.headerField("2.0", HEADER_TIME), VEHICLE.toByteArray());

        FeedMessage message = FeedMessage.parseFrom(value);
        assertThat(message.getHeader().getGtfsRealtimeVersion()).isEqualTo("2.0");
        assertThat(message.getHeader().getIncrementality()).isEqualTo(Incrementality.DIFFERENTIAL);
        assertThat(message.getHeader().getTimestamp()).isEqualTo(HEADER_TIME.getEpochSecond());
        assertThat(message.getEntityList()).containsExactly(VEHICLE);
    }

    @Test
    void readingARecordGivesItsFeedEntityAndTime() {
        FeedEntity read = FeedEntity.read("metro:v:7", FeedEntity.value(FeedEntity.headerField("1.0", HEADER_TIME), VEHICLE.toByteArray()));

        assertThat(read).isEqualTo(new FeedEntity("metro", "v:7", HEADER_TIME, false, VEHICLE));
        assertThat(read.key()).isEqualTo("metro:v:7");
    }

    @Test
    void aRemovalIsTheLastPublishedEntityMarkedDeleted() {
        FeedEntity read = FeedEntity.read("metro:v:7", FeedEntity.removal(FeedEntity.headerField(null, HEADER_TIME), VEHICLE));

        assertThat(read.removed()).isTrue();
        assertThat(read.entity().getVehicle()).isEqualTo(VEHICLE.getVehicle());
    }

    @Test
    void whatIsNotAFeedEntityRecordIsRefusedWithWhy() {
        byte[] header = FeedEntity.headerField("2.0", HEADER_TIME);
        byte[] twoEntities = FeedMessage.newBuilder().setHeader(GtfsRealtime.FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0")
                .setTimestamp(HEADER_TIME.getEpochSecond())).addEntity(VEHICLE).addEntity(VEHICLE).build().toByteArray();
        byte[] noTime = FeedMessage.newBuilder().setHeader(GtfsRealtime.FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0"))
                .addEntity(VEHICLE).build().toByteArray();

        assertThatThrownBy(() -> FeedEntity.read("metro:x", "{\"json\":true}".getBytes())).hasMessageContaining("not a GTFS-Realtime FeedMessage");
        assertThatThrownBy(() -> FeedEntity.read("metro:x", twoEntities)).hasMessageContaining("2 entities");
        assertThatThrownBy(() -> FeedEntity.read("metro:x", noTime)).hasMessageContaining("no header timestamp");
        assertThatThrownBy(() -> FeedEntity.read("metro:x", header)).hasMessageContaining("0 entities");
        assertThatThrownBy(() -> FeedEntity.read("no-colon", FeedEntity.value(header, VEHICLE.toByteArray()))).hasMessageContaining("not a feed entity key");
        assertThatThrownBy(() -> FeedEntity.read(null, FeedEntity.value(header, VEHICLE.toByteArray()))).hasMessageContaining("not a feed entity key");
    }
}
