package dev.pkinitkdc.pkinit.pac;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * NDR's deferral of embedded pointers (C706 14.3.12.3), shared by {@link NdrWriter} and {@link NdrReader}: the
 * referents of the pointers a structure embeds follow the structure, each with its own referents right after it
 * (depth first, as MIDL stubs and Samba's pidl marshal them).
 */
final class DeferredReferents<T> {
    private final List<Consumer<T>> pending = new ArrayList<>();

    /** A non-null pointer was met: its referent comes after the enclosing structure. */
    void add(Consumer<T> referent) {
        pending.add(referent);
    }

    /** Runs {@code body} on {@code stream}, then the referents it deferred, recursively. */
    void structure(T stream, Consumer<T> body) {
        List<Consumer<T>> outer = new ArrayList<>(pending);
        pending.clear();
        body.accept(stream);
        List<Consumer<T>> mine = new ArrayList<>(pending);
        pending.clear();
        for (Consumer<T> referent : mine) {
            structure(stream, referent);
        }
        pending.addAll(outer);
    }
}
