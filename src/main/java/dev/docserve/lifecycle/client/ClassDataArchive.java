package dev.docserve.lifecycle.client;

import dev.docserve.lifecycle.layout.SharedHome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The application class-data sharing archive (AppCDS) of the server JVM: the classes a {@code serve}
 * loads until it is ready, parsed and verified once and mapped by every later start.
 *
 * <p>Opt-in ({@code DOC_SERVE_CLASS_DATA_ARCHIVE=true}): it makes a start ~12 % faster and each server
 * ~35 MiB larger, since the archive's mapped pages are relocated and private to each process.
 *
 * <p>Why written by a running server: an archive only fits the JVM build and the jars it was made
 * from, so it cannot ship with doc-serve. The first server a launcher starts records what it loads
 * ({@code -XX:+RecordDynamicDumpInfo}) and, once ready, writes the archive ({@code ClassDataDump} in
 * the server); every later start maps it ({@code -XX:SharedArchiveFile}). The file name carries the
 * JVM and the build, so a new JDK or a rebuilt jar starts a new archive; a stale or unreadable archive
 * is ignored by the JVM (its CDS log is silenced, it never stops a start).
 *
 * @param file where the archive of this JVM and build lives: {@code <home>/cache/cds/serve-<key>.jsa}
 */
public record ClassDataArchive(Path file) {

    /** The environment variable that turns the archive on ({@code true}): off by default. */
    public static final String ENVIRONMENT = "DOC_SERVE_CLASS_DATA_ARCHIVE";

    /** The system property that tells a recording server where to write the archive. */
    public static final String PROPERTY = "docserve.class-data-archive"; // outside doc-serve.*, which config mapping checks

    /** Whether the variable's value turns the archive on. */
    public static boolean requested(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("on"));
    }

    /** The archive of the given application jar under this JVM. */
    public static ClassDataArchive of(SharedHome home, Path appJar) {
        String key = String.join("\n", System.getProperty("java.home", ""), System.getProperty("java.vm.version", ""),
                appJar.toAbsolutePath().normalize().toString(), stamp(appJar), stamp(appJar.resolveSibling("app")),
                stamp(appJar.resolveSibling("lib").resolve("main")));
        return new ClassDataArchive(home.dir().resolve("cache").resolve("cds").resolve("serve-" + sha256(key) + ".jsa"));
    }

    /** Map the archive when there is one; otherwise record what is loaded, so the server can write it. */
    public List<String> jvmOptions() {
        if (Files.isRegularFile(file) && file.toFile().length() > 0) {
            return List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        return List.of("-XX:+RecordDynamicDumpInfo", "-D" + PROPERTY + "=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** A file's, or each file of a folder's, name, size and modification time: what a rebuild changes. */
    private static String stamp(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                return files.sorted().map(ClassDataArchive::stamp).collect(Collectors.joining(";"));
            } catch (IOException e) {
                return path + "@unlisted";
            }
        }
        try {
            return path.getFileName() + "@" + Files.getLastModifiedTime(path).toMillis() + "/" + Files.size(path);
        } catch (IOException e) {
            return path + "@none";
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
