package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one {@code pki} subcommand: {@code --name value}, {@code --name=value}, flags, and positional
 * arguments. An option that is not the subcommand's, a missing value or an option given twice is a usage error
 * that ends with the subcommand's usage text.
 */
final class PkiArguments {
    private final String command;
    private final String usage;
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private PkiArguments(String command, String usage) {
        this.command = command;
        this.usage = usage;
    }

    /**
     * @param valued options that take a value, e.g. {@code --dir}
     * @param flagNames options without a value, e.g. {@code --force}
     */
    static PkiArguments parse(String command, String usage, String[] args, Set<String> valued, Set<String> flagNames)
            throws UsageException {
        PkiArguments parsed = new PkiArguments(command, usage);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.equals("--")) {
                parsed.positional.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (flagNames.contains(name) && equals < 0) {
                if (!parsed.flags.add(name)) {
                    throw parsed.usage(name + " given twice");
                }
            } else if (valued.contains(name)) {
                String value;
                if (equals > 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw parsed.usage(name + " needs a value");
                }
                if (parsed.values.putIfAbsent(name, value) != null) {
                    throw parsed.usage(name + " given twice");
                }
            } else {
                throw parsed.usage("unknown option " + arg);
            }
        }
        return parsed;
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String value(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The PKI folder: {@code --dir}, default {@code ./pki}. */
    Path dir() {
        return Path.of(value("--dir", "pki"));
    }

    List<String> positional() {
        return List.copyOf(positional);
    }

    /** Checks that exactly {@code count} positional arguments were given, naming them in the error. */
    void expectPositional(int count, String what) throws UsageException {
        if (positional.size() != count) {
            throw usage(count == 0 ? "unexpected argument " + positional.get(0)
                    : "needs " + what + (positional.size() > count ? ", and only that" : ""));
        }
    }

    UsageException usage(String problem) {
        return new UsageException("pki " + command + ": " + problem + "\n" + usage);
    }
}
