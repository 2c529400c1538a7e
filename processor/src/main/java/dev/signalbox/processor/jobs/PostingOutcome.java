package dev.signalbox.processor.jobs;

import dev.signalbox.events.Channel;
import dev.signalbox.events.jobs.JobEvent;

/** What became of one captured posting change. */
sealed interface PostingOutcome {

    /** A job event for the channel. */
    record Enriched(Channel channel, JobEvent event) implements PostingOutcome {
    }

    /** An unusable record: its original bytes go to the dead-letter topic. */
    record Rejected(byte[] original, String error) implements PostingOutcome {
    }
}
