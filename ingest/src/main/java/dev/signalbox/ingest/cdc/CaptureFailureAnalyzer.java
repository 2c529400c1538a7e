package dev.signalbox.ingest.cdc;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused change-capture precondition into Spring Boot's short "what and how to fix" report. */
final class CaptureFailureAnalyzer extends AbstractFailureAnalyzer<CaptureNotPossibleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CaptureNotPossibleException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
