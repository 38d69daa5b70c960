package dev.pkinitkdc.conf;

/** A value that does not parse; the message says what it should look like. {@link Section} adds the location. */
final class InvalidValueException extends Exception {
    InvalidValueException(String message) {
        super(message);
    }
}
