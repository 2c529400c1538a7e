package dev.signalbox.ingest.transit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A service alert an operator writes, in GTFS-Realtime's terms. */
@Entity
@Table(name = "transit_alerts")
class TransitAlert {

    enum Cause { UNKNOWN_CAUSE, OTHER_CAUSE, TECHNICAL_PROBLEM, STRIKE, DEMONSTRATION, ACCIDENT, HOLIDAY, WEATHER, MAINTENANCE,
        CONSTRUCTION, POLICE_ACTIVITY, MEDICAL_EMERGENCY }

    enum Effect { NO_SERVICE, REDUCED_SERVICE, SIGNIFICANT_DELAYS, DETOUR, ADDITIONAL_SERVICE, MODIFIED_SERVICE, OTHER_EFFECT,
        UNKNOWN_EFFECT, STOP_MOVED, NO_EFFECT, ACCESSIBILITY_ISSUE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Cause cause;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Effect effect;

    @Column(nullable = false)
    private String header;

    private String description;

    @Column(name = "active_from")
    private Instant activeFrom;

    @Column(name = "active_until")
    private Instant activeUntil;

    @Column(name = "route_ids", nullable = false, columnDefinition = "text[]")
    private String[] routeIds;

    @Column(name = "stop_ids", nullable = false, columnDefinition = "text[]")
    private String[] stopIds;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected TransitAlert() {
        // for JPA
    }

    TransitAlert(TransitAlertController.AlertDetails details, Instant now) {
        this.createdAt = now;
        apply(details, now);
    }

    void apply(TransitAlertController.AlertDetails details, Instant now) {
        this.cause = details.cause();
        this.effect = details.effect();
        this.header = details.header().strip();
        this.description = details.description();
        this.activeFrom = details.activeFrom();
        this.activeUntil = details.activeUntil();
        this.routeIds = details.routeIds() == null ? new String[0] : details.routeIds().toArray(String[]::new);
        this.stopIds = details.stopIds() == null ? new String[0] : details.stopIds().toArray(String[]::new);
        this.updatedAt = now;
    }

    Long getId() {
        return id;
    }
}
