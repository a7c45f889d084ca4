/**
 * Answers sized for an agent's context window: budgeted, file-grouped search results with ids that
 * open the document again ({@link dev.docserve.retrieval.BudgetedSearch}), documents by path or chunk
 * id with line windows and a staleness check ({@link dev.docserve.retrieval.DocumentReader}), and
 * several files at once within one budget ({@link dev.docserve.retrieval.MultiDocumentReader}).
 *
 * <p>Shared by the HTTP API ({@code api/}), the MCP tools ({@code mcp/}) and the search page: they
 * differ only in transport. Depends on {@code index/}, {@code search/} and {@code corpus/}; bad input is
 * an {@link java.lang.IllegalArgumentException} whose message says what to do, and a missing document a
 * {@link dev.docserve.retrieval.DocumentNotFoundException}.
 */
package dev.docserve.retrieval;
