package dev.signalbox.ingest.jobs;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.signalbox.ingest.jobs.JobBoardApi.CompanyView;
import dev.signalbox.ingest.jobs.JobBoardApi.NewCompany;
import dev.signalbox.ingest.jobs.JobBoardApi.NewPosting;
import dev.signalbox.ingest.jobs.JobBoardApi.PostingRevision;
import dev.signalbox.ingest.jobs.JobBoardApi.PostingView;

/**
 * The job board's write model. It only writes PostgreSQL: change data capture turns each commit
 * into an event, so there is no dual write to get wrong here.
 */
@Service
@Transactional
public class JobBoard {

    private final CompanyRepository companies;
    private final JobPostingRepository postings;
    private final Clock clock;

    JobBoard(CompanyRepository companies, JobPostingRepository postings) {
        this.companies = companies;
        this.postings = postings;
        this.clock = Clock.systemUTC();
    }

    public long addCompany(String name) {
        return addCompany(new NewCompany(name)).id();
    }

    public long post(long companyId, String title, String location, String description) {
        return post(new NewPosting(companyId, title, location, description)).id();
    }

    @Transactional(readOnly = true)
    public List<Long> companyIds() {
        return companies.findAll().stream().map(Company::getId).toList();
    }

    public void revisePosting(long id, String title, String location, String description) {
        revise(id, new PostingRevision(title, location, description));
    }

    public void closePosting(long id) {
        close(id);
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
                .orElseThrow(() -> new UnknownReferenceException("companyId", "no company with id " + request.companyId()));
        JobPosting posting = new JobPosting(company, request.title().strip(), request.location().strip(), request.description(), clock.instant());
        return PostingView.of(postings.save(posting));
    }

    PostingView revise(long id, PostingRevision request) {
        JobPosting posting = find(id);
        posting.revise(request.title().strip(), request.location().strip(), request.description(), clock.instant());
        return PostingView.of(posting);
    }

    PostingView close(long id) {
        JobPosting posting = find(id);
        posting.close(clock.instant());
        return PostingView.of(posting);
    }

    @Transactional(readOnly = true)
    PostingView get(long id) {
        return PostingView.of(find(id));
    }

    private JobPosting find(long id) {
        return postings.findById(id).orElseThrow(() -> new NotFoundException("job posting", id));
    }
}
