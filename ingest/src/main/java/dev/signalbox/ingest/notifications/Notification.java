package dev.signalbox.ingest.notifications;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "notifications")
class Notification {

    enum Audience { EVERYONE, USER }

    enum Severity { INFO, WARNING, CRITICAL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Audience audience;

    @Column(name = "user_id", updatable = false)
    private String userId;

    @Column(nullable = false)
    private String title;

    private String body;

    private String link;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Severity severity;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Notification() {
        // for JPA
    }

    Notification(Audience audience, String userId, String title, String body, String link, Severity severity, Instant now) {
        this.audience = audience;
        this.userId = userId;
        this.title = title;
        this.body = body;
        this.link = link;
        this.severity = severity;
        this.createdAt = now;
    }

    Long getId() {
        return id;
    }
}
