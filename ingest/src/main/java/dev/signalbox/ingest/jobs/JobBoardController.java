package dev.signalbox.ingest.jobs;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.signalbox.ingest.jobs.JobBoardApi.ApplicationView;
import dev.signalbox.ingest.jobs.JobBoardApi.CompanyView;
import dev.signalbox.ingest.jobs.JobBoardApi.NewApplication;
import dev.signalbox.ingest.jobs.JobBoardApi.NewCompany;
import dev.signalbox.ingest.jobs.JobBoardApi.NewPosting;
import dev.signalbox.ingest.jobs.JobBoardApi.PostingView;
import dev.signalbox.ingest.jobs.JobBoardApi.StatusChange;
import dev.signalbox.ingest.jobs.JobPosting.Status;

@RestController
@RequestMapping("/api")
class JobBoardController {

    private final JobBoard jobBoard;

    JobBoardController(JobBoard jobBoard) {
        this.jobBoard = jobBoard;
    }

    @PostMapping("/companies")
    @ResponseStatus(HttpStatus.CREATED)
    CompanyView addCompany(@Valid @RequestBody NewCompany request) {
        return jobBoard.addCompany(request);
    }

    @GetMapping("/companies")
    List<CompanyView> companies() {
        return jobBoard.companies();
    }

    @PostMapping("/jobs")
    @ResponseStatus(HttpStatus.CREATED)
    PostingView post(@Valid @RequestBody NewPosting request) {
        return jobBoard.post(request);
    }

    @GetMapping("/jobs/{id}")
    PostingView get(@PathVariable long id) {
        return jobBoard.get(id);
    }

    @PutMapping("/jobs/{id}")
    PostingView revise(@PathVariable long id, @Valid @RequestBody NewPosting request) {
        return jobBoard.revise(id, request);
    }

    @PostMapping("/jobs/{id}/close")
    PostingView close(@PathVariable long id) {
        return jobBoard.end(id, Status.CLOSED);
    }

    @PostMapping("/jobs/{id}/fill")
    PostingView fill(@PathVariable long id) {
        return jobBoard.end(id, Status.FILLED);
    }

    @PostMapping("/jobs/{id}/expire")
    PostingView expire(@PathVariable long id) {
        return jobBoard.end(id, Status.EXPIRED);
    }

    @PostMapping("/applications")
    @ResponseStatus(HttpStatus.CREATED)
    ApplicationView apply(@Valid @RequestBody NewApplication request) {
        return jobBoard.apply(request);
    }

    @GetMapping("/applications/{id}")
    ApplicationView application(@PathVariable long id) {
        return jobBoard.application(id);
    }

    @PostMapping("/applications/{id}/status")
    ApplicationView moveApplication(@PathVariable long id, @Valid @RequestBody StatusChange request) {
        return jobBoard.moveApplication(id, request.status());
    }
}
