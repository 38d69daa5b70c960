package dev.pkinitkdc.kdc.stage.trust.ntauth;

import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code [ntauth] source = files}: certificate files (PEM, several per file allowed, or DER) and folders of them
 * (every regular file directly inside, hidden files skipped) — the file form of {@code certutil -dspublish}.
 */
public final class FileNtAuthSource implements NtAuthSource {
    private final List<Path> paths;

    public FileNtAuthSource(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    @Override
    public NtAuthStore load() throws IOException {
        return NtAuthStore.of(BoundedFiles.certificates(files(paths)));
    }

    /** The certificate files the paths name: files as given, folders' regular non-hidden files sorted by name. */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> inside = Files.list(path)) {
                    files.addAll(inside.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException(path + ": no such file or folder");
            }
        }
        return files;
    }

    @Override
    public String describe() {
        return "files " + paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
