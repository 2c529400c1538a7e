package dev.signalbox.ingest.jobs;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.signalbox.ingest.jobs.JobApplication.ApplicationStatus;
import dev.signalbox.ingest.jobs.JobPosting.EmploymentType;
import dev.signalbox.ingest.jobs.JobPosting.PostingDetails;

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

    /** A posting as its author writes it: schema.org JobPosting fields. */
    record NewPosting(
            @NotNull @Positive Long companyId,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 200) String location,
            @Size(max = 10_000) String description,
            EmploymentType employmentType,
            Boolean remote,
            @Future Instant validThrough,
            @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal salaryMin,
            @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal salaryMax,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String salaryCurrency) {

        @AssertTrue(message = "salaryMin must not exceed salaryMax")
        boolean isSalaryRangeOrdered() {
            return salaryMin == null || salaryMax == null || salaryMin.compareTo(salaryMax) <= 0;
        }

        PostingDetails details() {
            return new PostingDetails(title.strip(), location.strip(), description,
                    employmentType == null ? EmploymentType.FULL_TIME : employmentType, Boolean.TRUE.equals(remote),
                    validThrough, salaryMin, salaryMax, salaryCurrency);
        }
    }

    record PostingView(long id, long companyId, String companyName, String title, String location, String description,
            String status, String employmentType, boolean remote, Instant datePosted, Instant validThrough,
            BigDecimal salaryMin, BigDecimal salaryMax, String salaryCurrency, Instant updatedAt) {

        static PostingView of(JobPosting posting) {
            return new PostingView(posting.getId(), posting.getCompany().getId(), posting.getCompany().getName(),
                    posting.getTitle(), posting.getLocation(), posting.getDescription(), posting.getStatus().name(),
                    posting.getEmploymentType().name(), posting.isRemote(), posting.getDatePosted(), posting.getValidThrough(),
                    posting.getSalaryMin(), posting.getSalaryMax(), posting.getSalaryCurrency(), posting.getUpdatedAt());
        }
    }

    record NewApplication(
            @NotNull @Positive Long postingId,
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.@-]+", message = "letters, digits and _ . @ - only") String userId,
            @Size(max = 2000) String note) {
    }

    record StatusChange(@NotNull ApplicationStatus status) {
    }

    record ApplicationView(long id, long postingId, String userId, String status, String note, Instant updatedAt) {

        static ApplicationView of(JobApplication application) {
            return new ApplicationView(application.getId(), application.getPosting().getId(), application.getUserId(),
                    application.getStatus().name(), application.getNote(), application.getUpdatedAt());
        }
    }
}
