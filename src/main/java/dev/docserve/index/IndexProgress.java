package dev.docserve.index;

/**
 * How far an index run is.
 *
 * @param phase       scanning (walking the folder), indexing, or committing
 * @param filesTotal  files selected by the walk (0 while scanning)
 * @param filesDone   files handled so far: indexed, unchanged, skipped or failed
 * @param chunksDone  chunks embedded and written so far
 * @param chunksTotal chunks found so far; it grows while files are being read and is exact at the end
 */
public record IndexProgress(Phase phase, int filesTotal, int filesDone, int chunksDone, int chunksTotal) {

    public enum Phase {
        SCANNING,
        INDEXING,
        COMMITTING
    }

    /** Files done over files total, 0–100; 0 until the walk is over. */
    public int percent() {
        return filesTotal == 0 ? 0 : (int) Math.min(100, (100L * filesDone) / filesTotal);
    }
}
