package dev.docserve.index.loading;

/**
 * A selected file with its text extracted.
 *
 * @param file        what the walker found
 * @param text        the text to chunk (for HTML and PDF, the extracted text)
 * @param title       a document title when the format has one (HTML {@code <title>}, PDF info), else null
 * @param contentHash SHA-256 of the raw bytes, hex; decides whether a re-index may skip the file
 */
public record LoadedFile(CandidateFile file, String text, String title, String contentHash) {
}
