package dev.signalbox.ingest.jobs;

import org.springframework.data.jpa.repository.JpaRepository;

interface JobPostingRepository extends JpaRepository<JobPosting, Long> {
}
