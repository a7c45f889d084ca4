/**
 * The Model Context Protocol face of doc-serve: the tools {@code search}, {@code get}, {@code multi_get},
 * {@code index} and {@code status}, served over Streamable HTTP at {@code /mcp} by the Quarkus MCP
 * server extension on every instance (behind the same {@code AccessGuard} as the REST API). Thin: each
 * tool names its project, calls {@code retrieval/}, {@code index/} or {@code project/}, and renders the
 * answer twice (compact text for the model, structured content for programs). Nothing depends on it.
 * {@code mcp.relay} holds the stdio relay behind {@code doc-serve mcp}, which runs without Quarkus.
 */
package dev.docserve.mcp;
