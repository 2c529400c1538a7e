package dev.signalbox.ingest.jobs;

import java.time.Instant;

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

@Entity
@Table(name = "job_postings")
class JobPosting {

    enum Status { OPEN, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "company_id", nullable = false)
    private Company company;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String location;

    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected JobPosting() {
        // for JPA
    }

    JobPosting(Company company, String title, String location, String description, Instant now) {
        this.company = company;
        this.title = title;
        this.location = location;
        this.description = description;
        this.status = Status.OPEN;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void revise(String title, String location, String description, Instant now) {
        if (status == Status.CLOSED) {
            throw new PostingClosedException(id);
        }
        this.title = title;
        this.location = location;
        this.description = description;
        this.updatedAt = now;
    }

    /** Closing is idempotent: closing a closed posting changes nothing and writes nothing. */
    void close(Instant now) {
        if (status != Status.CLOSED) {
            status = Status.CLOSED;
            updatedAt = now;
        }
    }

    Long getId() {
        return id;
    }

    Company getCompany() {
        return company;
    }

    String getTitle() {
        return title;
    }

    String getLocation() {
        return location;
    }

    String getDescription() {
        return description;
    }

    Status getStatus() {
        return status;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
