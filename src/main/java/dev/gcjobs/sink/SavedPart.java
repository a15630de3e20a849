package dev.gcjobs.sink;

/**
 * A chunk's part file as saved so far: the pages a running chunk saved, up to its checkpoint, or a
 * done chunk's whole part.
 *
 * @param file the part file and its checkpoint
 * @param run which run of the chunk saved it (its Genesys job): a chunk that runs again starts its
 *     part anew, so bytes read under another run are not the part's any more
 * @param done whether the chunk is done: its part is whole and will not change
 */
public record SavedPart(PartFile file, String run, boolean done) {}
