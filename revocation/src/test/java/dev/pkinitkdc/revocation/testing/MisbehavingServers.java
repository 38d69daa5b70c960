package dev.pkinitkdc.revocation.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The misbehaving servers of one test and the executor its fetches complete on; all closed after the test
 * (a JUnit extension: {@code @RegisterExtension final MisbehavingServers servers = new MisbehavingServers();}).
 */
public final class MisbehavingServers implements AutoCloseable, AfterEachCallback {
    public final ExecutorService callbacks = Executors.newFixedThreadPool(2);
    private final List<MisbehavingHttpServer> servers = new ArrayList<>();

    public MisbehavingHttpServer start(MisbehavingHttpServer.Behaviour behaviour) {
        MisbehavingHttpServer server = new MisbehavingHttpServer(behaviour);
        servers.add(server);
        return server;
    }

    /**
     * Bytes allocated so far by this JVM's threads but the servers' (the fetching side: the HTTP client's selector,
     * the callbacks, the test thread), from com.sun.management.ThreadMXBean.
     */
    public static long allocatedOutsideTheServers() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long total = 0;
        for (var info : threads.dumpAllThreads(false, false)) {
            if (!info.getThreadName().startsWith(MisbehavingHttpServer.THREAD_PREFIX)) {
                total += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return total;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        servers.forEach(MisbehavingHttpServer::close);
        callbacks.shutdownNow();
    }
}
