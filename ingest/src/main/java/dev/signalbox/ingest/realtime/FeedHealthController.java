package dev.signalbox.ingest.realtime;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How each polled GTFS-Realtime feed is doing. */
@RestController
@RequestMapping("/api/transit/feeds")
class FeedHealthController {

    private final RealtimeFeeds feeds;

    FeedHealthController(RealtimeFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping
    List<FeedHealth.View> all() {
        return feeds.health();
    }

    @GetMapping("/{id}")
    ResponseEntity<FeedHealth.View> one(@PathVariable String id) {
        return ResponseEntity.of(feeds.health(id));
    }
}
