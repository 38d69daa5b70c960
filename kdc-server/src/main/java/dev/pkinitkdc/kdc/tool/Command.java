package dev.pkinitkdc.kdc.tool;

import java.io.PrintStream;

/**
 * One launcher command: its name, its help (usage, what it does, exit codes, at least one example; printed by
 * {@code COMMAND --help} with exit 0) and how it runs; with {@code subcommandsHaveHelp}, {@code COMMAND SUB --help}
 * is left to the command, which prints the subcommand's own help. A new command is one more entry in {@link Main#COMMANDS}.
 */
public record Command(String name, String help, Runner runner, boolean subcommandsHaveHelp) {
    /** A command whose {@code --help}, wherever it stands, prints {@link #help}. */
    public Command(String name, String help, Runner runner) {
        this(name, help, runner, false);
    }

    /** Runs the command with the arguments after its name; returns the exit code. */
    @FunctionalInterface
    public interface Runner {
        int run(String[] args, PrintStream out) throws Exception;
    }
}
