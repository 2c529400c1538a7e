package dev.signalbox.ingest.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Imports a GTFS static feed as a feed's schedule, and reports the import's progress. */
@RestController
@RequestMapping("/api/transit/schedules/{feedId}")
@Tag(name = "GTFS schedules", description = "GTFS static feeds loaded into the schedule tables (and so captured)")
class ScheduleImportController {

    private final ScheduleImports imports;

    ScheduleImportController(ScheduleImports imports) {
        this.imports = imports;
    }

    @PostMapping(value = "/imports", consumes = {"application/zip", "application/octet-stream"})
    @Operation(summary = "Import an uploaded GTFS zip; 202 with the import's location, which reports its progress")
    ResponseEntity<ImportReport> upload(@PathVariable String feedId, HttpServletRequest request) throws IOException {
        Path zip;
        try (InputStream body = request.getInputStream()) {
            zip = imports.receive(body);
        }
        return accepted(feedId, imports.submitFile(feedId, "upload", zip));
    }

    @PostMapping(value = "/imports", params = "url")
    @Operation(summary = "Import the GTFS zip at an http(s) URL; 202 with the import's location")
    ResponseEntity<ImportReport> fromUrl(@PathVariable String feedId, @RequestParam URI url) {
        return accepted(feedId, imports.submitUrl(feedId, url));
    }

    @GetMapping("/imports/{importId}")
    @Operation(summary = "An import's progress (rows and percent per file), then its report")
    ResponseEntity<ImportReport> report(@PathVariable String feedId, @PathVariable String importId) {
        return imports.report(importId).filter(report -> report.feedId().equals(feedId))
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    private static ResponseEntity<ImportReport> accepted(String feedId, ImportReport report) {
        return ResponseEntity.accepted().location(URI.create("/api/transit/schedules/" + feedId + "/imports/" + report.id())).body(report);
    }

    @ExceptionHandler
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail tooLarge(ScheduleImports.ScheduleTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail busy(ScheduleImports.ImportsBusyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    }
}
