package dev.pkinitkdc.mapping;

import java.net.URI;

/** A lab LDAP server holding {@link LabDirectory#seed()} that a test can take down and bring back. */
interface TestDirectory extends AutoCloseable {
    URI url();

    /** Takes the server down; its URL refuses connections. */
    void stop();

    /** Brings it back on the same URL with the same data. */
    void restart() throws Exception;

    @Override
    void close();
}
