package dev.docserve.retrieval;

import dev.docserve.corpus.InvalidRequestException;
import dev.docserve.corpus.Glob;
import dev.docserve.index.ProjectIndex;
import dev.docserve.search.store.FileRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several indexed documents by list or glob, whole or cut, within one character budget.
 *
 * <p>Documents are taken in order while the budget lasts; the first that does not fit whole is cut (when
 * at least {@link #MIN_PARTIAL} characters remain, else left out), and the rest are reported as left out
 * with the reason. The footer naming them is part of the budget: {@link #FOOTER_RESERVE} characters are
 * kept for it while documents are added, and it lists as many as fit, then their count.
 */
public final class MultiDocumentReader {

    public static final int MAX_FILES = 200;
    static final int MAX_OMITTED_LISTED = 50;
    static final int MIN_PARTIAL = 300;
    static final int FOOTER_RESERVE = 400;

    private final DocumentReader reader;
    private final ProjectIndex index;

    public MultiDocumentReader(ProjectIndex index) {
        this.index = index;
        this.reader = new DocumentReader(index);
    }

    /**
     * @param paths paths relative to the project root; or
     * @param glob  a glob over indexed paths ({@code docs/**}{@code /*.md}); exactly one of the two
     * @throws IllegalArgumentException for neither or both, a malformed glob, or too many paths
     */
    public MultiGetAnswer get(List<String> paths, String glob, int maxChars) throws IOException {
        boolean byList = paths != null && !paths.isEmpty();
        boolean byGlob = glob != null && !glob.isBlank();
        if (byList == byGlob) {
            throw new InvalidRequestException("pass either paths (a list of files relative to the project root) or glob "
                    + "(e.g. docs/**/*.md), not " + (byList ? "both" : "neither"));
        }
        List<String> wanted = byList ? paths : matching(glob);
        if (wanted.size() > MAX_FILES && byList) {
            throw new InvalidRequestException("at most " + MAX_FILES + " paths per call, got " + wanted.size());
        }
        List<DocumentAnswer> documents = new ArrayList<>();
        List<MultiGetAnswer.Omitted> omitted = new ArrayList<>();
        int used = 0;
        int reserve = wanted.size() > 1 ? Math.min(FOOTER_RESERVE, maxChars / 4) : 0;
        boolean full = false;
        for (String path : wanted) {
            if (full) {
                omitted.add(new MultiGetAnswer.Omitted(path, "budget", "did not fit in max_chars " + maxChars
                        + ": get it on its own or raise max_chars"));
                continue;
            }
            int free = maxChars - reserve - used;
            try {
                String key = reader.key(path);
                FileRecord record = reader.record(key);
                if (free < MIN_PARTIAL) {
                    full = true;
                    omitted.add(new MultiGetAnswer.Omitted(path, "budget", "did not fit in max_chars " + maxChars
                            + ": get it on its own or raise max_chars"));
                    continue;
                }
                DocumentAnswer document = reader.window(record, null, 1, null, free, null);
                documents.add(document);
                used += document.text().length();
                full = document.trimmed();
            } catch (DocumentNotFoundException e) {
                omitted.add(new MultiGetAnswer.Omitted(path, "not_indexed", e.getMessage()));
            } catch (IllegalArgumentException e) {
                omitted.add(new MultiGetAnswer.Omitted(path, "invalid", e.getMessage()));
            }
        }
        StringBuilder text = new StringBuilder();
        documents.forEach(d -> text.append(d.text()));
        String footer = footer(omitted, maxChars - text.length());
        text.append(footer);
        List<MultiGetAnswer.Omitted> listed = omitted.size() > MAX_OMITTED_LISTED
                ? omitted.subList(0, MAX_OMITTED_LISTED) : omitted;
        return new MultiGetAnswer(documents, List.copyOf(listed), omitted.size(), maxChars, text.length(), text.toString());
    }

    private List<String> matching(String glob) throws IOException {
        Glob pattern = Glob.of(glob.strip());
        Map<String, FileRecord> files = index.indexedFiles();
        return files.keySet().stream().filter(pattern::matches).sorted().toList();
    }

    /** "Left out: a.md (budget), …" within {@code room} characters, ending with a count of the unnamed rest. */
    private static String footer(List<MultiGetAnswer.Omitted> omitted, int room) {
        if (omitted.isEmpty() || room <= 0) {
            return "";
        }
        String head = "Left out (" + omitted.size() + "):";
        StringBuilder line = new StringBuilder(head);
        int named = 0;
        for (MultiGetAnswer.Omitted o : omitted) {
            String item = " " + o.path() + " (" + o.reason() + ")";
            String rest = " and " + (omitted.size() - named - 1) + " more";
            if (line.length() + item.length() + rest.length() + 1 > room) {
                break;
            }
            line.append(item);
            named++;
        }
        if (named < omitted.size()) {
            line.append(" and ").append(omitted.size() - named).append(" more");
        }
        line.append('\n');
        return line.length() <= room ? line.toString() : Budgets.trim(line.toString(), room);
    }
}
