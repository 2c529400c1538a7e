package dev.signalbox.ingest.jobs;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.signalbox.ingest.web.ConflictException;

/** One user's application to a posting, and the only ways its status may move. */
@Entity
@Table(name = "job_applications")
class JobApplication {

    enum ApplicationStatus { SUBMITTED, REVIEWING, INTERVIEW, OFFER, HIRED, REJECTED, WITHDRAWN }

    private static final Map<ApplicationStatus, Set<ApplicationStatus>> NEXT = Map.of(
            ApplicationStatus.SUBMITTED, EnumSet.of(ApplicationStatus.REVIEWING, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN),
            ApplicationStatus.REVIEWING, EnumSet.of(ApplicationStatus.INTERVIEW, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN),
            ApplicationStatus.INTERVIEW, EnumSet.of(ApplicationStatus.OFFER, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN),
            ApplicationStatus.OFFER, EnumSet.of(ApplicationStatus.HIRED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN),
            ApplicationStatus.HIRED, EnumSet.noneOf(ApplicationStatus.class),
            ApplicationStatus.REJECTED, EnumSet.noneOf(ApplicationStatus.class),
            ApplicationStatus.WITHDRAWN, EnumSet.noneOf(ApplicationStatus.class));

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "posting_id", nullable = false, updatable = false)
    private JobPosting posting;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApplicationStatus status;

    private String note;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected JobApplication() {
        // for JPA
    }

    JobApplication(JobPosting posting, String userId, String note, Instant now) {
        this.posting = posting;
        this.userId = userId;
        this.note = note;
        this.status = ApplicationStatus.SUBMITTED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void moveTo(ApplicationStatus next, Instant now) {
        if (!NEXT.get(status).contains(next)) {
            throw new ConflictException("an application cannot move from " + status + " to " + next);
        }
        status = next;
        updatedAt = now;
    }

    Long getId() {
        return id;
    }

    JobPosting getPosting() {
        return posting;
    }

    String getUserId() {
        return userId;
    }

    ApplicationStatus getStatus() {
        return status;
    }

    String getNote() {
        return note;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
