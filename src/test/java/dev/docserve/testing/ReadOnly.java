package dev.docserve.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Makes a folder read-only for the server under test. Root ignores permission bits, so as root the
 * folder gets a read-only tmpfs mounted over it (as on a full or read-only volume).
 */
public record ReadOnly(Path dir, boolean mounted) {

    public static ReadOnly make(Path dir) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            assumeTrue(mount.waitFor() == 0, "mounting a read-only tmpfs needs mount privileges");
            return new ReadOnly(dir, true);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        return new ReadOnly(dir, false);
    }

    public void undo() throws IOException, InterruptedException {
        if (mounted) {
            new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor();
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
