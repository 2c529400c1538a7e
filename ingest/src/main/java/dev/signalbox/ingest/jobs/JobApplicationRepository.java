package dev.signalbox.ingest.jobs;

import org.springframework.data.jpa.repository.JpaRepository;

interface JobApplicationRepository extends JpaRepository<JobApplication, Long> {

    boolean existsByPostingIdAndUserId(Long postingId, String userId);
}
