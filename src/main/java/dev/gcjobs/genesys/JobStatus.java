package dev.gcjobs.genesys;

import java.time.Instant;

/**
 * The status of an analytics detail job ({@code AsyncQueryStatus}).
 *
 * @param state the state; {@link JobState#UNKNOWN} for one this version does not know
 * @param rawState the state as Genesys wrote it (for messages when it is unknown), or null
 * @param submissionDate when the job was submitted, or null
 * @param completionDate when it completed, or null
 * @param expirationDate when its results expire, or null
 * @param errorMessage why it failed (when FAILED), or null
 */
public record JobStatus(
    JobState state,
    String rawState,
    Instant submissionDate,
    Instant completionDate,
    Instant expirationDate,
    String errorMessage) {}
