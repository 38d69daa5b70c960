package dev.pkinitkdc.mapping.ldap;

/**
 * The LDAP connections of a directory client at one moment, summed over its servers.
 *
 * @param active borrowed for a search or modify
 * @param idle open and waiting in the pool
 * @param max the most the pools may open together
 */
public record ConnectionPoolState(int active, int idle, int max) {
    public ConnectionPoolState plus(ConnectionPoolState other) {
        return new ConnectionPoolState(active + other.active, idle + other.idle, max + other.max);
    }
}
