package dev.gcjobs.emulator;

import java.time.Instant;

/**
 * One answered request about an existing job (status, results or cancel), as listed by {@code GET
 * /emulator/jobs}: who asked, for which results page, what the answer's status was, and when the
 * request was taken in and answered, by the wall clock of the emulator's process (not the emulated
 * clock of {@link EmulatorConfig#clock()}, which a test may hold still or make fly): requests
 * served at the same time have overlapping times.
 *
 * @param endpoint the endpoint called
 * @param clientId the OAuth client whose token came with it; null when authentication failed
 * @param cursor the {@code cursor} parameter of a results request as sent; null when absent or for
 *     other endpoints
 * @param status the HTTP status answered; {@link RequestCounts#CONNECTION_RESET} for an injected
 *     connection reset
 * @param startedAt when the emulator took the request in
 * @param endedAt when its handler was done
 */
record JobRequest(
    Endpoint endpoint,
    String clientId,
    String cursor,
    int status,
    Instant startedAt,
    Instant endedAt) {}
