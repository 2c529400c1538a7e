package dev.signalbox.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CaptureSettingsTest {

    @Test
    void tablesKeyedByImportInPostgresAreKeyedByTheirRowsOwnIdentityInKafka() {
        assertThat(CaptureSettings.messageKeyColumns(List.of("public.notifications", "public.gtfs_stop_times", "public.gtfs_shapes")))
                .isEqualTo("public.gtfs_stop_times:feed_id,trip_id,stop_sequence;public.gtfs_shapes:feed_id,shape_id,shape_pt_sequence");
        assertThat(CaptureSettings.messageKeyColumns(List.of("transit.gtfs_shapes")))
                .isEqualTo("transit.gtfs_shapes:feed_id,shape_id,shape_pt_sequence");
    }

    @Test
    void otherTablesKeepTheirPrimaryKey() {
        assertThat(CaptureSettings.messageKeyColumns(List.of("public.notifications", "public.gtfs_trips"))).isEmpty();
    }
}
