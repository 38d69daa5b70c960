package dev.pkinitkdc.kdc.tool.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The MIT kinit command lines that get a TGT for a lab user with its certificate (FILE: identity). */
final class KinitCommands {
    private KinitCommands() {
    }

    static List<String> forUser(LabUser user, Path krb5Conf) {
        List<String> prefix = List.of(
                ShellWords.assignment("KRB5_CONFIG", krb5Conf.toString()),
                ShellWords.assignment("KRB5CCNAME", "FILE:" + user.ccache()),
                "kinit", "-X",
                ShellWords.quote("X509_user_identity=FILE:" + user.certificate() + "," + user.privateKey()));
        List<String> lines = new ArrayList<>();
        lines.add(line(prefix, user.name()));
        user.enterpriseName().ifPresent(upn -> lines.add(line(prefix, "-E", ShellWords.quote(upn))));
        return lines;
    }

    private static String line(List<String> prefix, String... tail) {
        List<String> words = new ArrayList<>(prefix);
        words.addAll(List.of(tail));
        return ShellWords.join(words);
    }
}
