package dev.signalbox.ingest.jobs;

import java.math.BigDecimal;
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

import dev.signalbox.ingest.web.ConflictException;

@Entity
@Table(name = "job_postings")
class JobPosting {

    /** posted → updated → filled | closed | expired; the three ends are final. */
    enum Status { OPEN, CLOSED, FILLED, EXPIRED }

    /** schema.org JobPosting employmentType values. */
    enum EmploymentType { FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER }

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

    @Column(name = "date_posted", nullable = false, updatable = false)
    private Instant datePosted;

    @Column(name = "valid_through")
    private Instant validThrough;

    @Enumerated(EnumType.STRING)
    @Column(name = "employment_type", nullable = false)
    private EmploymentType employmentType;

    @Column(nullable = false)
    private boolean remote;

    @Column(name = "salary_min")
    private BigDecimal salaryMin;

    @Column(name = "salary_max")
    private BigDecimal salaryMax;

    @Column(name = "salary_currency")
    private String salaryCurrency;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected JobPosting() {
        // for JPA
    }

    JobPosting(Company company, PostingDetails details, Instant now) {
        this.company = company;
        this.status = Status.OPEN;
        this.datePosted = now;
        this.createdAt = now;
        apply(details, now);
    }

    void revise(PostingDetails details, Instant now) {
        if (status != Status.OPEN) {
            throw new ConflictException("job posting " + id + " is " + status.name().toLowerCase() + " and cannot be changed");
        }
        apply(details, now);
    }

    /** Ends the posting. Ending it again the same way changes nothing; another way is a conflict. */
    void end(Status end, Instant now) {
        if (status == end) {
            return;
        }
        if (status != Status.OPEN) {
            throw new ConflictException("job posting " + id + " is already " + status.name().toLowerCase());
        }
        status = end;
        updatedAt = now;
    }

    private void apply(PostingDetails details, Instant now) {
        this.title = details.title();
        this.location = details.location();
        this.description = details.description();
        this.employmentType = details.employmentType();
        this.remote = details.remote();
        this.validThrough = details.validThrough();
        this.salaryMin = details.salaryMin();
        this.salaryMax = details.salaryMax();
        this.salaryCurrency = details.salaryCurrency();
        this.updatedAt = now;
    }

    /** The fields a posting's author writes; everything else the posting keeps itself. */
    record PostingDetails(String title, String location, String description, EmploymentType employmentType, boolean remote,
            Instant validThrough, BigDecimal salaryMin, BigDecimal salaryMax, String salaryCurrency) {
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

    Instant getDatePosted() {
        return datePosted;
    }

    Instant getValidThrough() {
        return validThrough;
    }

    EmploymentType getEmploymentType() {
        return employmentType;
    }

    boolean isRemote() {
        return remote;
    }

    BigDecimal getSalaryMin() {
        return salaryMin;
    }

    BigDecimal getSalaryMax() {
        return salaryMax;
    }

    String getSalaryCurrency() {
        return salaryCurrency;
    }
}
