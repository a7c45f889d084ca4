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
 * <p>On by default ({@code DOC_SERVE_CLASS_DATA_ARCHIVE=false} turns it off): a start maps ~5,500 of
 * its ~6,100 classes from it instead of reading, parsing and verifying them, ~20 % of the start to
 * ready (2.38 to 1.90 s, issue 17), at the same RSS (its pages are file-backed).
 *
 * <p>Why trained on this machine: an archive only fits the JVM build and the jars it was made from, so
 * it cannot ship with doc-serve. When a launcher finds none, it starts a throwaway training server
 * ({@link ClassDataTraining}) once the user's server is ready; that server records what it loads
 * ({@code -XX:+RecordDynamicDumpInfo}), writes the archive a moment after it is ready and exits
 * ({@code ClassDataDump}). Not the user's own server: the dump left ~110 MiB resident in the process
 * that wrote it. The file name carries the JVM and the build, so a new JDK or a rebuilt jar trains a
 * new archive; a stale or unreadable archive is ignored by the JVM (its CDS log is silenced, it never
 * stops a start).
 *
 * @param file where the archive of this JVM and build lives: {@code <home>/cache/cds/serve-<key>.jsa}
 */
public record ClassDataArchive(Path file) {

    /** The environment variable that turns the archive off ({@code false}): on by default. */
    public static final String ENVIRONMENT = "DOC_SERVE_CLASS_DATA_ARCHIVE";

    /** The system property that makes a server a training run: where it writes the archive before it exits. */
    public static final String PROPERTY = "docserve.class-data-archive"; // outside doc-serve.*, which config mapping checks

    /** Whether the variable's value leaves the archive on: unset or anything but an explicit no. */
    public static boolean requested(String value) {
        return value == null || !(value.strip().equalsIgnoreCase("false") || value.strip().equals("0")
                || value.strip().equalsIgnoreCase("off") || value.strip().equalsIgnoreCase("no"));
    }

    /** The archive of the given application jar under this JVM. */
    public static ClassDataArchive of(SharedHome home, Path appJar) {
        String key = String.join("\n", System.getProperty("java.home", ""), System.getProperty("java.vm.version", ""),
                appJar.toAbsolutePath().normalize().toString(), stamp(appJar), stamp(appJar.resolveSibling("app")),
                stamp(appJar.resolveSibling("lib").resolve("main")));
        return new ClassDataArchive(home.dir().resolve("cache").resolve("cds").resolve("serve-" + sha256(key) + ".jsa"));
    }

    /** Whether the archive has been written. */
    public boolean exists() {
        return Files.isRegularFile(file) && file.toFile().length() > 0;
    }

    /** The options that map the archive, when there is one; none otherwise. */
    public List<String> jvmOptions() {
        return exists() ? List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off") : List.of();
    }

    /** The options of a training server: record what is loaded, and where to write the archive. */
    public List<String> trainingOptions() {
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
