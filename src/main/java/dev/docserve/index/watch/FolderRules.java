package dev.docserve.index.watch;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.loading.FileSelector;
import dev.docserve.index.loading.IgnoreRules;
import java.nio.file.Path;

/**
 * What a watched folder cares about, by the same rules as its walk: the folders entered (built-in
 * excludes, exclude globs, ignore files) and the files selected. A change anywhere else (a build
 * writing into {@code target/}, an editor's swap file) starts no run.
 */
final class FolderRules {

    private final Path root;
    private final boolean recursive;
    private final FileSelector selector;
    private final IgnoreRules ignoreRules;

    FolderRules(Path realRoot, IndexRequest request) {
        this.root = realRoot;
        this.recursive = request.recursive();
        this.selector = new FileSelector(request);
        this.ignoreRules = IgnoreRules.forFolder(realRoot);
    }

    Path root() {
        return root;
    }

    /** Whether the walk enters (and so the watcher watches) this directory. */
    boolean enters(Path dir) {
        if (dir.equals(root)) {
            return true;
        }
        if (!recursive || !dir.startsWith(root)) {
            return false;
        }
        return selector.shouldEnter(relative(dir)) && !ignoreRules.isIgnored(dir, true);
    }

    boolean isRecursive() {
        return recursive;
    }

    /**
     * Whether a change to the file at {@code path} can change what is indexed: a selected, not ignored
     * file, or an ignore file (whose folder's cached rules are then read again).
     */
    boolean concerns(Path path) {
        if (!path.startsWith(root) || path.equals(root) || (!recursive && !path.getParent().equals(root))) {
            return false;
        }
        if (IgnoreRules.isRulesFile(path.getFileName().toString())) {
            ignoreRules.forget(path.getParent());
            return true;
        }
        return !ignoreRules.isIgnored(path, false) && selector.select(relative(path)).isPresent();
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
