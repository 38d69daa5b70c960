package dev.pkinitkdc.kdc.tool.cli;

/** A command line that cannot be used; the message is meant for the user, the exit code for the shell. */
public final class UsageException extends Exception {
    /** Exit code of a usage error (as in BSD sysexits' tradition of 2 for bad arguments). */
    public static final int EXIT_CODE = 2;

    public UsageException(String message) {
        super(message);
    }

    public int exitCode() {
        return EXIT_CODE;
    }
}
