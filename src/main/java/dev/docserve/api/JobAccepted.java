package dev.docserve.api;

/** The 202 answer to an index request: the job to follow at {@code GET /index/jobs/{job_id}}. */
public record JobAccepted(String jobId, String status, String message) {
}
