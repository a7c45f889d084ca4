package dev.docserve.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docserve.config.DocServeConfig;
import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.IndexFolders;
import dev.docserve.index.IndexStatus;
import dev.docserve.index.jobs.JobRecord;
import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectServices;
import dev.docserve.retrieval.Budgets;
import dev.docserve.retrieval.BudgetedSearch;
import dev.docserve.retrieval.DocumentAnswer;
import dev.docserve.retrieval.DocumentNotFoundException;
import dev.docserve.retrieval.DocumentReader;
import dev.docserve.retrieval.MultiDocumentReader;
import dev.docserve.retrieval.MultiGetAnswer;
import dev.docserve.retrieval.SearchAnswer;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.ModelMismatchException;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools. Names and argument names are fixed: skills and users rely on them. Every answer comes
 * twice: compact text (what a model reads, within {@code max_chars}) and structured content (the same
 * data as JSON for programs, without the text repeated). Bad arguments, unknown projects and missing
 * documents are tool errors ({@code isError}) whose text says what to do, so an agent can correct itself.
 */
@Singleton
public class DocServeTools {

    private static final String PROJECT_ID = "Shared daemon only: the registered project to use (see the error listing them). Ignored by a project-mode server.";
    private static final String PROJECT_ROOT = "Shared daemon only: a folder at or inside a registered project (e.g. your working directory), instead of project_id.";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);
    private static final Duration MAX_WAIT = Duration.ofSeconds(600);

    private final ProjectChoice choice;
    private final ProjectRegistry projects;
    private final DocServeConfig config;
    private final ObjectMapper mapper;

    public DocServeTools(ProjectChoice choice, ProjectRegistry projects, DocServeConfig config, ObjectMapper mapper) {
        this.choice = choice;
        this.projects = projects;
        this.config = config;
        // Absent fields are left out rather than null: clients check structured content against the output
        // schema, which types them as plain strings and numbers.
        this.mapper = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    @Tool(name = "search", description = """
            Search this project's indexed documentation and code (hybrid BM25 + semantic by default). Returns hits \
            grouped by file, best first: path, lines start-end, heading or symbol, score, a snippet, and an id to \
            open the full passage with `get`. The whole answer stays within max_chars (default 6000); snippets are \
            trimmed to fit and hits that do not fit move to the next page (next_offset). Use it before reading \
            files blindly: ask in natural language or with exact identifiers.""",
            outputSchema = @Tool.OutputSchema(from = SearchAnswer.class, generator = WireSchemas.class))
    public ToolResponse search(
            @ToolArg(name = "query", description = "What to find: a question, a phrase or identifiers (1-1000 characters).") String query,
            @ToolArg(name = "mode", description = "hybrid (default), bm25 (exact words, identifiers) or vector (meaning).", required = false) String mode,
            @ToolArg(name = "top_k", description = "Hits per page, 1-50 (default 5).", required = false) Integer topK,
            @ToolArg(name = "offset", description = "Rank to start from for the next page: pass next_offset of the previous answer (default 0).", required = false) Integer offset,
            @ToolArg(name = "max_chars", description = "Character budget of the whole answer, 200-200000 (default 6000).", required = false) Integer maxChars,
            @ToolArg(name = "source_types", description = "Only these kinds: doc, code, test.", required = false) List<String> sourceTypes,
            @ToolArg(name = "languages", description = "Only these languages, e.g. markdown, java, python.", required = false) List<String> languages,
            @ToolArg(name = "file_paths", description = "Only files matching one of these globs relative to the project root, e.g. docs/**/*.md.", required = false) List<String> filePaths,
            @ToolArg(name = "project_id", description = PROJECT_ID, required = false) String projectId,
            @ToolArg(name = "project_root", description = PROJECT_ROOT, required = false) String projectRoot) {
        ProjectServices project = choice.resolve(projectId, projectRoot);
        return answer(() -> {
            int pageSize = topK == null ? SearchRequest.DEFAULT_TOP_K : topK;
            if (pageSize < 1 || pageSize > SearchRequest.MAX_TOP_K) {
                throw new IllegalArgumentException("top_k must be between 1 and " + SearchRequest.MAX_TOP_K + ", got " + pageSize);
            }
            SearchRequest request = new SearchRequest(query, pageSize, SearchRequest.DEFAULT_SIMILARITY_THRESHOLD,
                    mode == null || mode.isBlank() ? SearchMode.HYBRID : SearchMode.fromWireName(mode),
                    SearchRequest.DEFAULT_ALPHA, FusionMethod.DEFAULT, sourceTypes, languages, filePaths);
            SearchAnswer answer = BudgetedSearch.search(project.index(), request, offset == null ? 0 : offset,
                    Budgets.maxChars(maxChars, Budgets.DEFAULT_SEARCH_CHARS));
            return respond(answer.text(), answer);
        });
    }

    @Tool(name = "get", description = """
            Open an indexed document by path (relative to the project root, as search shows it) or by a chunk id \
            from search, as a window of lines: from_line (1-based), lines, within max_chars (default 12000). \
            By chunk id it returns the chunk's lines unless lines/from_line say otherwise. The answer says where \
            to continue (next_from_line) and warns plainly when the file changed since it was indexed.""",
            outputSchema = @Tool.OutputSchema(from = DocumentAnswer.class, generator = WireSchemas.class))
    public ToolResponse get(
            @ToolArg(name = "path", description = "File path relative to the project root. Give path or chunk_id.", required = false) String path,
            @ToolArg(name = "chunk_id", description = "A hit's id from search. Give path or chunk_id.", required = false) String chunkId,
            @ToolArg(name = "from_line", description = "First line, 1-based (default: 1, or the chunk's first line).", required = false) Integer fromLine,
            @ToolArg(name = "lines", description = "How many lines at most (default: as many as max_chars holds, or the chunk's).", required = false) Integer lines,
            @ToolArg(name = "max_chars", description = "Character budget, 200-200000 (default 12000).", required = false) Integer maxChars,
            @ToolArg(name = "project_id", description = PROJECT_ID, required = false) String projectId,
            @ToolArg(name = "project_root", description = PROJECT_ROOT, required = false) String projectRoot) {
        ProjectServices project = choice.resolve(projectId, projectRoot);
        return answer(() -> {
            boolean byPath = path != null && !path.isBlank();
            boolean byChunk = chunkId != null && !chunkId.isBlank();
            if (byPath == byChunk) {
                throw new IllegalArgumentException("give either path (relative to the project root) or chunk_id (from a "
                        + "search hit), not " + (byPath ? "both" : "neither"));
            }
            int budget = Budgets.maxChars(maxChars, Budgets.DEFAULT_GET_CHARS);
            DocumentReader reader = new DocumentReader(project.index());
            DocumentAnswer document = byPath ? reader.byPath(path, fromLine, lines, budget)
                    : reader.byChunkId(chunkId, fromLine, lines, budget);
            return respond(document.text(), document);
        });
    }

    @Tool(name = "multi_get", description = """
            Read several indexed files at once, by a list of paths or a glob over indexed paths (e.g. docs/**/*.md), \
            within one max_chars budget (default 20000). Files come whole while the budget lasts; the next is cut \
            and the rest are listed as left out, with the reason, so you can get them separately.""",
            outputSchema = @Tool.OutputSchema(from = MultiGetAnswer.class, generator = WireSchemas.class))
    public ToolResponse multiGet(
            @ToolArg(name = "paths", description = "Files relative to the project root. Give paths or glob.", required = false) List<String> paths,
            @ToolArg(name = "glob", description = "A glob over indexed paths, e.g. docs/**/*.md. Give paths or glob.", required = false) String glob,
            @ToolArg(name = "max_chars", description = "Character budget for everything, 200-200000 (default 20000).", required = false) Integer maxChars,
            @ToolArg(name = "project_id", description = PROJECT_ID, required = false) String projectId,
            @ToolArg(name = "project_root", description = PROJECT_ROOT, required = false) String projectRoot) {
        ProjectServices project = choice.resolve(projectId, projectRoot);
        return answer(() -> {
            MultiGetAnswer answer = new MultiDocumentReader(project.index())
                    .get(paths, glob, Budgets.maxChars(maxChars, Budgets.DEFAULT_MULTI_GET_CHARS));
            return respond(answer.text(), answer);
        });
    }

    @Tool(name = "index", description = """
            Queue indexing of a folder of the project (incremental: unchanged files are skipped), with the options \
            of POST /index. By default documents only; include_code adds source files. wait=true waits for the job \
            to finish (up to wait_seconds, default 120) and reports what it did; otherwise it returns the job id at once.""",
            outputSchema = @Tool.OutputSchema(from = JobRecord.class, generator = WireSchemas.class))
    public ToolResponse index(
            @ToolArg(name = "folder_path", description = "Folder to index, relative to the project root (default: the root).", required = false) String folderPath,
            @ToolArg(name = "include_code", description = "Index source code too (default false).", required = false) Boolean includeCode,
            @ToolArg(name = "recursive", description = "Include subfolders (default true).", required = false) Boolean recursive,
            @ToolArg(name = "include_patterns", description = "Only files matching one of these globs.", required = false) List<String> includePatterns,
            @ToolArg(name = "exclude_patterns", description = "Also skip files matching these globs.", required = false) List<String> excludePatterns,
            @ToolArg(name = "supported_languages", description = "Only code in these languages.", required = false) List<String> supportedLanguages,
            @ToolArg(name = "chunk_size", description = "Chunk size in tokens, 128-2048 (default: the configured one).", required = false) Integer chunkSize,
            @ToolArg(name = "chunk_overlap", description = "Chunk overlap in tokens, 0-200.", required = false) Integer chunkOverlap,
            @ToolArg(name = "force", description = "Re-embed every file of this folder, changed or not; other folders are untouched (default false).", required = false) Boolean force,
            @ToolArg(name = "rebuild", description = "Drop everything indexed (every folder) first, then index this folder; needed after a model change (default false).", required = false) Boolean rebuild,
            @ToolArg(name = "wait", description = "Wait for the job to finish (default false).", required = false) Boolean waitForIt,
            @ToolArg(name = "wait_seconds", description = "How long to wait at most, 1-600 (default 120).", required = false) Integer waitSeconds,
            @ToolArg(name = "project_id", description = PROJECT_ID, required = false) String projectId,
            @ToolArg(name = "project_root", description = PROJECT_ROOT, required = false) String projectRoot) {
        ProjectServices project = choice.resolve(projectId, projectRoot);
        return answer(() -> {
            IndexRequest request = new IndexRequest(IndexFolders.resolve(project.root(), folderPath),
                    or(chunkSize, config.chunkSize()), or(chunkOverlap, config.chunkOverlap()), or(recursive, true),
                    or(includeCode, false), supportedLanguages, includePatterns, excludePatterns, or(force, false),
                    or(rebuild, false));
            Duration wait = waitSeconds == null ? DEFAULT_WAIT : Duration.ofSeconds(waitSeconds);
            if (waitSeconds != null && (waitSeconds < 1 || wait.compareTo(MAX_WAIT) > 0)) {
                throw new IllegalArgumentException("wait_seconds must be between 1 and " + MAX_WAIT.toSeconds() + ", got " + waitSeconds);
            }
            JobRecord job = project.jobs().submit(request, "index");
            if (Boolean.TRUE.equals(waitForIt)) {
                job = awaitFinish(project, job, wait);
            }
            return respond(JobText.describe(job), job);
        });
    }

    @Tool(name = "status", description = """
            What is indexed for this project: folders, documents and chunks (by kind and language), the embedding \
            model, when it was last indexed, and index jobs queued or running.""",
            outputSchema = @Tool.OutputSchema(from = StatusAnswer.class, generator = WireSchemas.class))
    public ToolResponse status(
            @ToolArg(name = "project_id", description = PROJECT_ID, required = false) String projectId,
            @ToolArg(name = "project_root", description = PROJECT_ROOT, required = false) String projectRoot) {
        ProjectServices project = choice.resolve(projectId, projectRoot);
        return answer(() -> {
            IndexStatus index = project.index().status();
            List<JobRecord> active = project.jobs().list().stream().filter(j -> !j.status().isFinished()).toList();
            StatusAnswer answer = new StatusAnswer(project.projectId(), project.root().toString(), projects.isSharedMode(),
                    index, active);
            return respond(JobText.status(answer), answer);
        });
    }

    private static JobRecord awaitFinish(ProjectServices project, JobRecord job, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        JobRecord current = job;
        while (!current.status().isFinished() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            current = project.jobs().get(job.jobId()).orElse(current);
        }
        return current;
    }

    /** Text for the model, the record as structured content (minus its text form, which the text already is). */
    private ToolResponse respond(String text, Object structured) {
        @SuppressWarnings("unchecked")
        Map<String, Object> content = mapper.convertValue(structured, Map.class);
        content.remove("text");
        return new ToolResponse(false, List.of(new TextContent(text)), content, null);
    }

    private static ToolResponse answer(ToolBody body) {
        try {
            return body.run();
        } catch (IllegalArgumentException | DocumentNotFoundException | ModelMismatchException e) {
            throw new ToolCallException(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new ToolCallException("the index could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolCallException("interrupted while waiting for the index job");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    @FunctionalInterface
    private interface ToolBody {
        ToolResponse run() throws IOException, InterruptedException;
    }
}
