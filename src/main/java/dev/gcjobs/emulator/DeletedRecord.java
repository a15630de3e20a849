package dev.gcjobs.emulator;

import java.time.Instant;

/**
 * A conversation the data lake has deleted (compliance), as the ground truth lists it.
 *
 * @param id the conversationId
 * @param version the version it had when it was deleted
 * @param deletedAt when the lake deleted it
 */
public record DeletedRecord(String id, int version, Instant deletedAt) {}
