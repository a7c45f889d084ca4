package dev.docserve.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the kernel says about the doc-serve servers of one test: which live processes run {@code serve}
 * with the test's {@code DOC_SERVE_HOME}, and which of them hold a POSIX lock on a {@code doc-serve.lock}
 * (from {@code /proc/PID/fd} and {@code /proc/locks}). Asking the kernel rather than the state files is
 * the point: "two owners" is exactly the state in which the files cannot be trusted.
 */
final class ServerProcesses {

    private final String homeVariable;

    ServerProcesses(Path home) {
        this.homeVariable = "DOC_SERVE_HOME=" + home;
    }

    /** Live {@code serve} processes started for this test's home (directly or by {@code start}). */
    List<Long> servers() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                List<String> args = split(read(dir.resolve("cmdline")));
                if (args.contains("serve") && args.stream().anyMatch(a -> a.endsWith("quarkus-run.jar"))
                        && split(read(dir.resolve("environ"))).contains(homeVariable)) {
                    pids.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc: " + e.getMessage(), e);
        }
        return pids;
    }

    /** The servers of this home that hold a lock on a file named {@code doc-serve.lock}, deleted or not. */
    Set<Long> lockHolders() {
        Set<String> locked = lockedInodesByPid();
        Set<Long> holders = new HashSet<>();
        for (long pid : servers()) {
            for (long inode : lockFileInodes(pid)) {
                if (locked.contains(pid + ":" + inode)) {
                    holders.add(pid);
                }
            }
        }
        return holders;
    }

    /** "pid:inode" of every POSIX lock on the machine. */
    private static Set<String> lockedInodesByPid() {
        Set<String> locks = new HashSet<>();
        for (String line : read(Path.of("/proc/locks")).split("\n")) {
            // 1: POSIX  ADVISORY  WRITE 4242 00:2f:1234567 0 EOF
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && "POSIX".equals(f[1])) {
                String[] device = f[5].split(":");
                locks.add(f[4] + ":" + device[device.length - 1]);
            }
        }
        return locks;
    }

    private static List<Long> lockFileInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().contains("doc-serve.lock")) {
                        inodes.add(((Number) Files.getAttribute(fd, "unix:ino")).longValue());
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // the descriptor closed while we looked: it holds nothing
                }
            }
        } catch (IOException e) {
            // the process exited while we looked
        }
        return inodes;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> split(String nulSeparated) {
        return nulSeparated.isEmpty() ? List.of() : List.of(nulSeparated.split("\0"));
    }

    /** SIGKILL to every server of this home: test cleanup. */
    void killAll() {
        for (long pid : servers()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
