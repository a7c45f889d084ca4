package dev.docserve.index.loading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Reads a selected file and extracts its text: UTF-8 for text formats (malformed bytes replaced),
 * jsoup for HTML (scripts, styles and navigation dropped, headings turned into Markdown headings),
 * PDFBox for PDF.
 */
public final class TextExtractor {

    /** Git's heuristic: a NUL byte in the first 8 KiB means binary. */
    private static final int BINARY_PROBE_BYTES = 8192;

    /** Reads and extracts in one step. */
    public LoadedFile load(CandidateFile file) throws IOException {
        return extract(file, read(file));
    }

    /** Reads the raw bytes and hashes them, so an unchanged file can be skipped before any parsing. */
    public RawFile read(CandidateFile file) throws UnreadableFileException {
        Path path = file.path();
        try {
            // The walk saw a regular file, but it may have been swapped since: a FIFO would block the
            // open, a link could lead to a device. Look again, and open without following a link.
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new UnreadableFileException(SkipReason.NOT_A_REGULAR_FILE, "no longer a regular file: " + path, null);
            }
            long limit = FileWalker.sizeLimit(file.language());
            try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                    InputStream in = Channels.newInputStream(channel)) {
                // Read one byte past the limit: a file that grew since the walk is refused, never read whole.
                byte[] bytes = in.readNBytes((int) limit + 1);
                if (bytes.length > limit) {
                    throw new UnreadableFileException(SkipReason.TOO_LARGE, "grew beyond " + limit + " bytes: " + path, null);
                }
                return new RawFile(bytes, sha256(bytes));
            }
        } catch (UnreadableFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableFileException(SkipReason.UNREADABLE, "cannot read " + path + ": " + e, e);
        }
    }

    public LoadedFile extract(CandidateFile file, RawFile raw) throws UnreadableFileException {
        byte[] bytes = raw.bytes();
        String hash = raw.sha256();
        return switch (file.language()) {
            case "pdf" -> pdf(file, bytes, hash);
            case "html" -> html(file, text(file, bytes), hash);
            default -> new LoadedFile(file, text(file, bytes), null, hash);
        };
    }

    private static String text(CandidateFile file, byte[] bytes) throws UnreadableFileException {
        int probe = Math.min(bytes.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                throw new UnreadableFileException(SkipReason.BINARY, "binary content in " + file.path(), null);
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static LoadedFile html(CandidateFile file, String html, String hash) {
        Document document = Jsoup.parse(html);
        document.select("script, style, noscript, template, nav, svg").remove();
        String title = document.title().isBlank() ? null : document.title().strip();
        // Headings become Markdown headings on lines of their own, so HTML chunks carry heading paths too.
        for (Element heading : document.select("h1, h2, h3, h4, h5, h6")) {
            int level = heading.tagName().charAt(1) - '0';
            heading.before(new TextNode("\n\n" + "#".repeat(level) + " " + heading.text().strip() + "\n\n"));
            heading.remove();
        }
        // wholeText keeps the source's line breaks, which the splitters use as paragraph boundaries.
        String text = document.body() == null ? "" : document.body().wholeText();
        return new LoadedFile(file, text.replaceAll("[ \\t\\x0B\\f\\r]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip(),
                title, hash);
    }

    private static LoadedFile pdf(CandidateFile file, byte[] bytes, String hash) throws UnreadableFileException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            String title = document.getDocumentInformation() == null ? null : document.getDocumentInformation().getTitle();
            String text = new PDFTextStripper().getText(document);
            return new LoadedFile(file, text, title == null || title.isBlank() ? null : title.strip(), hash);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException(SkipReason.UNREADABLE, "cannot parse PDF " + file.path() + ": " + e, e);
        }
    }

    /** A file's bytes and their SHA-256 (hex). */
    public record RawFile(byte[] bytes, String sha256) {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
