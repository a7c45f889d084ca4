package dev.docserve.cli;

/** The exit codes every command keeps to; the README lists them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Something went wrong; stderr says what. */
    public static final int ERROR = 1;
    /** The command line or a config file is invalid. */
    public static final int USAGE = 2;
    /** No instance runs (status). */
    public static final int NOT_RUNNING = 3;

    private ExitCodes() {
    }
}
