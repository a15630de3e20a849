package dev.gcjobs.sink;

/**
 * A chunk's part file as saved so far: the pages a running chunk saved, up to its checkpoint, or a
 * done chunk's whole part.
 *
 * @param file the part file and its checkpoint
 * @param done whether the chunk is done: its part is whole and will not change
 */
public record SavedPart(PartFile file, boolean done) {}
