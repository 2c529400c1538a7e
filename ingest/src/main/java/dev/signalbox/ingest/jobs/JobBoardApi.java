package dev.signalbox.ingest.jobs;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The request and response bodies of the job board's write API. */
final class JobBoardApi {

    private JobBoardApi() {
    }

    record NewCompany(@NotBlank @Size(max = 200) String name) {
    }

    record CompanyView(long id, String name) {

        static CompanyView of(Company company) {
            return new CompanyView(company.getId(), company.getName());
        }
    }

    record NewPosting(
            @NotNull @Positive Long companyId,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 200) String location,
            @Size(max = 10_000) String description) {
    }

    record PostingRevision(
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 200) String location,
            @Size(max = 10_000) String description) {
    }

    record PostingView(long id, long companyId, String companyName, String title, String location,
            String description, String status, Instant updatedAt) {

        static PostingView of(JobPosting posting) {
            return new PostingView(posting.getId(), posting.getCompany().getId(), posting.getCompany().getName(),
                    posting.getTitle(), posting.getLocation(), posting.getDescription(), posting.getStatus().name(),
                    posting.getUpdatedAt());
        }
    }
}
