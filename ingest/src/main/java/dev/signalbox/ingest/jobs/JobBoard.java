package dev.signalbox.ingest.jobs;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.signalbox.ingest.jobs.JobApplication.ApplicationStatus;
import dev.signalbox.ingest.jobs.JobBoardApi.ApplicationView;
import dev.signalbox.ingest.jobs.JobBoardApi.CompanyView;
import dev.signalbox.ingest.jobs.JobBoardApi.NewApplication;
import dev.signalbox.ingest.jobs.JobBoardApi.NewCompany;
import dev.signalbox.ingest.jobs.JobBoardApi.NewPosting;
import dev.signalbox.ingest.jobs.JobBoardApi.PostingView;
import dev.signalbox.ingest.jobs.JobPosting.EmploymentType;
import dev.signalbox.ingest.jobs.JobPosting.Status;
import dev.signalbox.ingest.outbox.OutboxWriter;
import dev.signalbox.ingest.web.ConflictException;
import dev.signalbox.ingest.web.InvalidFieldException;
import dev.signalbox.ingest.web.NotFoundException;

/**
 * The job board's write model. It only writes PostgreSQL: change data capture turns each commit
 * into an event, so there is no dual write to get wrong here.
 */
@Service
@Transactional
public class JobBoard {

    private final CompanyRepository companies;
    private final JobPostingRepository postings;
    private final JobApplicationRepository applications;
    private final OutboxWriter outbox;
    private final Clock clock = Clock.systemUTC();

    JobBoard(CompanyRepository companies, JobPostingRepository postings, JobApplicationRepository applications, OutboxWriter outbox) {
        this.companies = companies;
        this.postings = postings;
        this.applications = applications;
        this.outbox = outbox;
    }

    public long addCompany(String name) {
        return addCompany(new NewCompany(name)).id();
    }

    @Transactional(readOnly = true)
    public List<Long> companyIds() {
        return companies.findAll().stream().map(Company::getId).toList();
    }

    public long post(long companyId, String title, String location, String description) {
        return post(simplePosting(companyId, title, location, description)).id();
    }

    public void revisePosting(long id, String title, String location, String description) {
        JobPosting posting = findPosting(id);
        revise(id, simplePosting(posting.getCompany().getId(), title, location, description));
    }

    public void closePosting(long id) {
        end(id, Status.CLOSED);
    }

    CompanyView addCompany(NewCompany request) {
        return CompanyView.of(companies.save(new Company(request.name().strip(), clock.instant())));
    }

    @Transactional(readOnly = true)
    List<CompanyView> companies() {
        return companies.findAll().stream().map(CompanyView::of).toList();
    }

    PostingView post(NewPosting request) {
        Company company = companies.findById(request.companyId())
                .orElseThrow(() -> new InvalidFieldException("companyId", "no company with id " + request.companyId()));
        return PostingView.of(postings.save(new JobPosting(company, request.details(), clock.instant())));
    }

    PostingView revise(long id, NewPosting request) {
        JobPosting posting = findPosting(id);
        if (!posting.getCompany().getId().equals(request.companyId())) {
            throw new InvalidFieldException("companyId", "a posting cannot move to another company");
        }
        posting.revise(request.details(), clock.instant());
        return PostingView.of(posting);
    }

    PostingView end(long id, Status end) {
        JobPosting posting = findPosting(id);
        posting.end(end, clock.instant());
        return PostingView.of(posting);
    }

    @Transactional(readOnly = true)
    PostingView get(long id) {
        return PostingView.of(findPosting(id));
    }

    ApplicationView apply(NewApplication request) {
        JobPosting posting = postings.findById(request.postingId())
                .orElseThrow(() -> new InvalidFieldException("postingId", "no job posting with id " + request.postingId()));
        if (posting.getStatus() != Status.OPEN) {
            throw new ConflictException("job posting " + posting.getId() + " no longer takes applications");
        }
        if (applications.existsByPostingIdAndUserId(posting.getId(), request.userId())) {
            throw new ConflictException("this user has already applied to job posting " + posting.getId());
        }
        JobApplication application = applications.save(new JobApplication(posting, request.userId(), request.note(), clock.instant()));
        announce(application);
        return ApplicationView.of(application);
    }

    ApplicationView moveApplication(long id, ApplicationStatus status) {
        JobApplication application = applications.findById(id).orElseThrow(() -> new NotFoundException("job application", id));
        application.moveTo(status, clock.instant());
        announce(application);
        return ApplicationView.of(application);
    }

    @Transactional(readOnly = true)
    ApplicationView application(long id) {
        return ApplicationView.of(applications.findById(id).orElseThrow(() -> new NotFoundException("job application", id)));
    }

    /** An explicit event for the applicant, through the outbox, in the same transaction as the change. */
    private void announce(JobApplication application) {
        outbox.publish("job-application", application.getUserId(), "ApplicationStatusChanged", Map.of(
                "applicationId", application.getId(),
                "postingId", application.getPosting().getId(),
                "userId", application.getUserId(),
                "status", application.getStatus().name()));
    }

    private JobPosting findPosting(long id) {
        return postings.findById(id).orElseThrow(() -> new NotFoundException("job posting", id));
    }

    private static NewPosting simplePosting(long companyId, String title, String location, String description) {
        return new NewPosting(companyId, title, location, description, EmploymentType.FULL_TIME, false, null, null, null, null);
    }
}
