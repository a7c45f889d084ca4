package dev.docserve.index;

import dev.docserve.corpus.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns a {@code folder_path} a client sent into a folder this server may index: one that exists, is a
 * readable directory, and lies inside the project (symlinks resolved). Any local user can reach a
 * loopback port, so a folder outside the project (~/.ssh, another project) must never become readable
 * through this server's answers.
 */
public final class IndexFolders {

    private IndexFolders() {
    }

    /**
     * @param folderPath absolute, or relative to {@code root}; blank means the root itself
     * @throws IllegalArgumentException naming what is wrong and what to pass instead
     */
    public static Path resolve(Path root, String folderPath) {
        Path folder;
        try {
            folder = folderPath == null || folderPath.isBlank() ? root : root.resolve(folderPath.strip()).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidRequestException("folder_path is not a valid path: " + e.getMessage());
        }
        if (!Files.exists(folder)) {
            throw new InvalidRequestException("folder_path " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidRequestException("folder_path " + folder + " is not a directory; pass the folder that holds it");
        }
        try {
            if (!folder.toRealPath().startsWith(root)) {
                throw new InvalidRequestException("folder_path " + folder + " is outside the project " + root
                        + " (symlinks resolved); doc-serve indexes only folders inside the project it serves");
            }
        } catch (IOException e) {
            throw new InvalidRequestException("folder_path " + folder + " cannot be resolved: " + e.getMessage());
        }
        if (!Files.isReadable(folder)) {
            throw new InvalidRequestException("folder_path " + folder + " is not readable by the server");
        }
        return folder;
    }
}
