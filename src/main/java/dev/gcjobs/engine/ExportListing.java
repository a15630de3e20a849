package dev.gcjobs.engine;

import java.util.List;

/** One page of exports and the cursor of the next page (null on the last). */
public record ExportListing(List<ExportStatus> exports, String nextCursor) {}
