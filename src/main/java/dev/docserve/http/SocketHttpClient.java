package dev.docserve.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request per connection ({@code Connection: close}) on a plain socket, for the CLI's
 * calls to a doc-serve server (plain {@code http}, JSON bodies of a few kilobytes).
 *
 * <p>Why not {@code HttpURLConnection}: its first {@code http} URL makes the JDK look for
 * {@code URLStreamHandlerProvider} services on the class path, which opens every one of the ~200
 * jars in the launcher's class path (~0.1 s), and its logger starts the JBoss log manager (~0.05 s);
 * a command such as {@code status} takes ~0.3 s in all. The JDK's {@code HttpClient} starts threads
 * and is slower still. Bodies sent with {@code Transfer-Encoding: chunked} are decoded; other
 * transfer codings, redirects and {@code https} are not supported.
 */
public final class SocketHttpClient {

    /**
     * A response: the status code, the body (empty when there was none) and the headers (names in lower
     * case; a repeated header keeps its last value).
     */
    public record Answer(int status, byte[] body, Map<String, String> headers) {

        public Answer(int status, byte[] body) {
            this(status, body, Map.of());
        }

        public java.util.Optional<String> header(String name) {
            return java.util.Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final Duration timeout;
    private final int maxBodyBytes;

    /**
     * @param timeout for connecting and for each read
     * @param maxBodyBytes a longer body is an error, so a confused server cannot exhaust the heap
     */
    public SocketHttpClient(Duration timeout, int maxBodyBytes) {
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param url {@code http://host:port/path?query}
     * @param headers sent as given, besides {@code Host}, {@code Connection} and {@code Content-Length}
     * @param body sent when not null
     * @throws IOException when the URL is not plain http, the server cannot be reached, or the answer is not HTTP/1.x
     */
    public Answer send(String method, String url, Map<String, String> headers, byte[] body) throws IOException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IOException("invalid URL " + url + ": " + e.getMessage(), e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IOException("not a plain http URL: " + url);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        if (port > 0xFFFF) {
            throw new IOException("invalid port in " + url);
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x answer: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        long length = -1;
        boolean chunked = false;
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            headers.put(name, value);
            if ("content-length".equals(name)) {
                length = parseLength(value, 10);
            } else if ("transfer-encoding".equals(name)) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        if (chunked) {
            return new Answer(status, chunks(in), headers);
        }
        if (length > maxBodyBytes) {
            throw new IOException("the answer's body (" + length + " bytes) is over the limit of " + maxBodyBytes);
        }
        byte[] bytes = length >= 0 ? in.readNBytes((int) length) : in.readNBytes(maxBodyBytes + 1);
        if (length >= 0 && bytes.length < length) {
            throw new IOException("the answer ended after " + bytes.length + " of " + length + " bytes");
        }
        if (bytes.length > maxBodyBytes) {
            throw new IOException("the answer's body is over the limit of " + maxBodyBytes + " bytes");
        }
        return new Answer(status, bytes, headers);
    }

    private byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                throw new IOException("the chunked answer ended early");
            }
            int extension = sizeLine.indexOf(';');
            long size = parseLength(extension < 0 ? sizeLine.trim() : sizeLine.substring(0, extension).trim(), 16);
            if (size == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // Trailers carry nothing a JSON client needs.
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBodyBytes) {
                throw new IOException("the answer's body is over the limit of " + maxBodyBytes + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new IOException("the chunked answer ended early");
            }
            body.write(chunk);
            line(in);
        }
    }

    private static long parseLength(String value, int radix) throws IOException {
        try {
            long length = Long.parseLong(value, radix);
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("invalid length in the answer: " + value);
        }
    }

    /** A CRLF- (or LF-) terminated header line in ISO-8859-1; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > 16 * 1024) {
                throw new IOException("a header line of the answer is over 16 KiB");
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }
}
