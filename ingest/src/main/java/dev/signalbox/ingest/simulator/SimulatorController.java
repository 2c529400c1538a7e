package dev.signalbox.ingest.simulator;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;

import dev.signalbox.ingest.IngestProperties;

/**
 * DEMO SHORTCUT: serves the {@link FeedSimulator}'s GTFS-Realtime feed of any imported schedule at
 * {@code /simulator/<feedId>/gtfs-rt}, with an ETag per second so pollers' conditional GETs work.
 * On only where {@code signalbox.ingest.transit.simulator.enabled} is set (standalone, tests).
 */
@RestController
@ConditionalOnBooleanProperty("signalbox.ingest.transit.simulator.enabled")
class SimulatorController {

    static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

    private final JdbcClient jdbc;
    private final IngestProperties.Simulator settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, SimulatedNetwork> networks = new ConcurrentHashMap<>();

    SimulatorController(JdbcClient jdbc, IngestProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.transit().simulator();
    }

    @GetMapping("/simulator/{feedId}/gtfs-rt")
    ResponseEntity<byte[]> feed(@PathVariable String feedId, @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        long version = jdbc.sql("select version from gtfs_feed_versions where feed_id = ?").param(feedId).query(Long.class).optional().orElse(0L);
        if (version == 0) {
            return ResponseEntity.notFound().build();
        }
        SimulatedNetwork network = networks.compute(feedId, (id, loaded) ->
                loaded != null && loaded.version() == version ? loaded : SimulatedNetwork.load(jdbc, id, version));
        FeedMessage message = FeedSimulator.at(network, clock.instant(), settings.alertInterval());
        String etag = "\"" + version + "-" + message.getHeader().getTimestamp() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        return ResponseEntity.ok().contentType(PROTOBUF).eTag(etag).body(message.toByteArray());
    }
}
