package dev.pkinitkdc.pkinit.enctype;

/** A ciphertext whose integrity tag does not verify under the key and usage, or that is too short to hold one. */
public final class IntegrityCheckFailed extends Exception {
    public IntegrityCheckFailed(String message) {
        super(message);
    }
}
