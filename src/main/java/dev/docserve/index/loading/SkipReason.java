package dev.docserve.index.loading;

/** Why a file met during a walk was not indexed; counted per reason and reported with the job. */
public enum SkipReason {
    /** Matched a built-in or requested exclude, or not an include; also unsupported extensions. */
    NOT_SELECTED,
    /** Larger than the size limit for its kind. */
    TOO_LARGE,
    /** Its first bytes contain NUL: not text. */
    BINARY,
    /** It could not be read (permissions, vanished, broken symlink, parse failure). */
    UNREADABLE,
    /** A FIFO, socket or device: opening it could block or never end. */
    NOT_A_REGULAR_FILE,
    /** A folder on a kernel file system (/proc, /sys, ...): kernel state, not documents; some files block. */
    PSEUDO_FILE_SYSTEM,
    /** Ignored by the project's {@code .gitignore} files, the repository's {@code info/exclude} or a {@code .docserveignore}. */
    IGNORED,
    /** A symlink resolving outside the indexed folder, into a loop, or to a file already seen. */
    LINK_OUT_OF_TREE_OR_SEEN;

    /** The name used in job records and API answers, e.g. "too_large". */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
