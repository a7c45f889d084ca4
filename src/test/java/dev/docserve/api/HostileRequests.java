package dev.docserve.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of hostile HTTP requests for every endpoint: wrong methods and content types,
 * malformed, truncated, oversized and deeply nested JSON, every field with every JSON type, odd
 * Unicode (lone surrogates, NUL, right-to-left marks, emoji), huge numbers and strings. The same seed
 * gives the same requests, so a failure is replayed with {@code -Ddocserve.fuzz.seed=N}.
 */
final class HostileRequests {

    /** Every route of the API, with the method it is meant for; {id} is filled in per request. */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET", "/health"}, new String[] {"GET", "/health/status"},
            new String[] {"POST", "/index"}, new String[] {"POST", "/index/add"}, new String[] {"DELETE", "/index"},
            new String[] {"GET", "/index/jobs"}, new String[] {"GET", "/index/jobs/{id}"},
            new String[] {"DELETE", "/index/jobs/{id}"}, new String[] {"POST", "/query"}, new String[] {"GET", "/query/count"},
            new String[] {"POST", "/projects"}, new String[] {"GET", "/projects"}, new String[] {"GET", "/projects/{id}/status"},
            new String[] {"DELETE", "/projects/{id}"}, new String[] {"GET", "/q/health/ready"}, new String[] {"GET", "/no/such/path"});

    private static final List<String> FIELDS = List.of("folder_path", "chunk_size", "chunk_overlap", "recursive",
            "include_code", "supported_languages", "include_patterns", "exclude_patterns", "force", "project_id", "query",
            "top_k", "similarity_threshold", "mode", "alpha", "fusion", "source_types", "languages", "file_paths",
            "project_root");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "application/json; charset=utf-16", "application/json; charset=bogus", "multipart/form-data; boundary=x", "*/*",
            "application/JSON", "");
    private static final List<String> ODD_STRINGS = List.of("", " ", "\u0000", "\ud800", "\udfff x", "\u202e\u200fgnp.exe",
            "\ud83d\ude00\ud83d\udca5", "\ufeff", "\uffff\ufffe", "a\u0000b", "*", "**", "[", "[!]", "[z-a]", "{a,", "}", "\\",
            "../../..", "%2e%2e", "docs", "docs/../..", "${jndi:ldap://x}", "<script>", "' OR 1=1 --", "AND OR NOT",
            "\"", "\n\r\t", "hybrid", "vector", "bm25", "rrf", "minmax", "dbsf", "doc", "code", "java", "p_00000000", "job_000000000000");

    private final Random random;
    private final List<String> projectIds;

    /** @param projectIds ids the generator mixes in (valid ones included), besides junk and none */
    HostileRequests(long seed, List<String> projectIds) {
        this.random = new Random(seed);
        this.projectIds = projectIds;
    }

    record Request(String method, String target, Map<String, String> headers, byte[] body) {

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            String path = target.length() > 300 ? target.substring(0, 300) + "...(" + target.length() + " chars)" : target;
            return method + " " + path + " " + headers + " body(" + (body == null ? 0 : body.length) + "): " + shown;
        }
    }

    Request next() {
        String[] endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
        String method = random.nextInt(8) == 0 ? pick(METHODS) : endpoint[0];
        String path = endpoint[1].replace("{id}", encode(random.nextBoolean() ? pick(projectIds) : string()));
        if (random.nextInt(6) == 0) {
            path += "/";
        }
        if (random.nextInt(3) == 0) {
            path += "?project_id=" + encode(random.nextBoolean() ? pick(projectIds) : string())
                    + (random.nextBoolean() ? "&purge=" + encode(string()) : "");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", random.nextInt(10) == 0 ? pick(List.of("text/html", "application/xml", "*/*", "x/y")) : "application/json");
        byte[] body = null;
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || random.nextInt(10) == 0) {
            headers.put("Content-Type", random.nextInt(8) == 0 ? pick(CONTENT_TYPES) : "application/json");
            body = body();
        }
        return new Request(method, path, headers, body);
    }

    private byte[] body() {
        int kind = random.nextInt(100);
        if (kind < 55) {
            return object(0).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 65) {
            String valid = object(0);
            return valid.substring(0, random.nextInt(valid.length() + 1)).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 72) {
            int depth = 500 + random.nextInt(3000);
            String open = random.nextBoolean() ? "[" : "{\"query\":";
            String close = open.equals("[") ? "]" : "}";
            return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 78) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (kind < 81) {
            // Over the 1 MiB limit.
            return ("{\"query\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 88) {
            return value(0).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 94) {
            // Invalid UTF-8 inside a string.
            byte[] head = "{\"query\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
            byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(bad, 0, all, head.length, bad.length);
            System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
            return all;
        }
        return new byte[0];
    }

    /** A JSON object of the API's field names (and a few unknown ones) with values of any type. */
    private String object(int depth) {
        List<String> members = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(8) == 0 ? string() : pick(FIELDS);
            String value = name.equals("project_id") && random.nextBoolean() ? quote(pick(projectIds))
                    : name.equals("project_root") ? safeProjectRoot() : value(depth + 1);
            members.add(quote(name) + ":" + value);
        }
        return "{" + String.join(",", members) + "}";
    }

    /**
     * A registration must never name a real folder outside the test's temporary one: the daemon would
     * write its pointer file there. Relative junk without dots or slashes resolves inside the daemon's
     * working directory, where it does not exist.
     */
    private String safeProjectRoot() {
        return random.nextInt(4) == 0 ? pick(List.of("null", "5", "[]", "{}", "true", "[\"a\"]", "1e309"))
                : quote("nope-" + Integer.toHexString(random.nextInt()) + string().replaceAll("[./\\\\]", "_"));
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0, 1 -> quote(string());
            case 2 -> number();
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> quote(pick(ODD_STRINGS));
            case 6, 7 -> {
                List<String> items = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(value(depth + 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> object(depth + 1);
        };
    }

    private String number() {
        return pick(List.of("0", "-1", "1", "5", "50", "51", "1000", "2147483647", "2147483648", "-2147483649",
                "99999999999999999999999", "1e308", "1e309", "-1e309", "0.5", "-0.0", "1.7976931348623157E308", "4.9e-324",
                "12345678901234567890.123", "3" + "0".repeat(2000), String.valueOf(random.nextInt()), String.valueOf(random.nextDouble())));
    }

    /** A string of random code units, lone surrogates and control characters included, escaped as JSON. */
    private String string() {
        int length = random.nextInt(10) == 0 ? 1000 + random.nextInt(2000) : random.nextInt(20);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            char c = switch (kind) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) (0xD800 + random.nextInt(0x800));
                case 2 -> (char) (0x0590 + random.nextInt(0x100));
                case 3 -> (char) random.nextInt(0x10000);
                default -> (char) (0x20 + random.nextInt(0x5F));
            };
            out.append(c);
        }
        return out.toString();
    }

    /** JSON string literal; every non-ASCII code unit as a \\u escape, so lone surrogates survive as such. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String encode(String text) {
        // Lone surrogates cannot be encoded as UTF-8; the encoder writes '?', which is hostile enough.
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
