package dev.gcjobs.genesys;

import java.net.http.HttpHeaders;

/**
 * A successful (2xx) answer handed to a {@link ResponseReader}.
 *
 * @param status the HTTP status
 * @param headers the answer's headers
 * @param body the whole body as Genesys sent it (empty, never null, when there was none)
 */
public record ApiResponse(int status, HttpHeaders headers, byte[] body) {}
