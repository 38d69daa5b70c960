package dev.pkinitkdc.conf;

/** Turns the text of one value (or one list element) into a typed value. */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text) throws InvalidValueException;
}
