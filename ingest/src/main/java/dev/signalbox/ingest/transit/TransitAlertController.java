package dev.signalbox.ingest.transit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.signalbox.ingest.web.NotFoundException;

/** Operator-written transit alerts: create, revise, withdraw. */
@RestController
@RequestMapping("/api/transit/alerts")
@Transactional
class TransitAlertController {

    private final TransitAlertRepository alerts;
    private final Clock clock = Clock.systemUTC();

    TransitAlertController(TransitAlertRepository alerts) {
        this.alerts = alerts;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@Valid @RequestBody AlertDetails request) {
        return new Created(alerts.save(new TransitAlert(request, clock.instant())).getId());
    }

    @PutMapping("/{id}")
    Created revise(@PathVariable long id, @Valid @RequestBody AlertDetails request) {
        alerts.findById(id).orElseThrow(() -> new NotFoundException("transit alert", id)).apply(request, clock.instant());
        return new Created(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable long id) {
        alerts.delete(alerts.findById(id).orElseThrow(() -> new NotFoundException("transit alert", id)));
    }

    record AlertDetails(
            @NotNull TransitAlert.Cause cause,
            @NotNull TransitAlert.Effect effect,
            @NotBlank @Size(max = 200) String header,
            @Size(max = 4000) String description,
            Instant activeFrom,
            Instant activeUntil,
            @Size(max = 200) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String> routeIds,
            @Size(max = 200) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String> stopIds) {

        @AssertTrue(message = "an alert informs at least one route or stop")
        boolean isInformingSomething() {
            return (routeIds != null && !routeIds.isEmpty()) || (stopIds != null && !stopIds.isEmpty());
        }

        @AssertTrue(message = "activeFrom must be before activeUntil")
        boolean isActivePeriodOrdered() {
            return activeFrom == null || activeUntil == null || activeFrom.isBefore(activeUntil);
        }
    }

    record Created(long id) {
    }
}

interface TransitAlertRepository extends JpaRepository<TransitAlert, Long> {
}
