package dev.pkinitkdc.pkinit.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A bound on each test class's wall time, so one hang cannot eat the CI budget. JUnit's
 * {@code junit.jupiter.execution.timeout.default} (the parent pom sets it) bounds each test and lifecycle method,
 * but in its default thread mode it only interrupts the method, and a thread that ignores interrupts (a blocking
 * socket read, a busy loop) hangs on. A class still running after {@code -Dpkinit.test.classTimeoutSeconds}
 * (the parent pom: 600; 0 turns the bound off) has every thread's stack printed to standard error and the test
 * JVM halted: Surefire then fails the module, naming the fork that died, and the stacks say where it hung.
 * Registered for every module whose tests use the pkinit test jar (META-INF/services).
 */
public final class ClassTimeout implements TestExecutionListener {
    static final String PROPERTY = "pkinit.test.classTimeoutSeconds";

    private final long seconds = Long.getLong(PROPERTY, 600);
    private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pkinit-class-timeout");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void executionStarted(TestIdentifier test) {
        if (seconds > 0 && test.getSource().orElse(null) instanceof ClassSource source) {
            running.put(test.getUniqueId(), timer.schedule(() -> expire(source.getClassName()), seconds,
                    TimeUnit.SECONDS));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        ScheduledFuture<?> pending = running.remove(test.getUniqueId());
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void expire(String className) {
        StringBuilder out = new StringBuilder().append("\n").append(className).append(" still runs after ")
                .append(Duration.ofSeconds(seconds)).append(" (-D").append(PROPERTY)
                .append("): its threads follow, then the test JVM is halted\n");
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            out.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState()).append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                out.append("\tat ").append(frame).append('\n');
            }
        }
        // the JVM's own standard error, not System.err, which Surefire captures and forwards in the background:
        // what is still in that queue at the halt would be lost
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        stderr.println(out);
        stderr.flush();
        Runtime.getRuntime().halt(3);
    }
}
