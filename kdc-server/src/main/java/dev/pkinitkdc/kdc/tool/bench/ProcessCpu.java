package dev.pkinitkdc.kdc.tool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time of another process and its live descendants on Linux (MIT krb5kdc -w N works in forked children):
 * utime + stime of /proc/PID/stat (proc(5)), in clock ticks.
 */
final class ProcessCpu {
    private final long pid;
    private final long ticksPerSecond;

    ProcessCpu(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicks();
    }

    /** CPU time used so far by the process and its descendants, in milliseconds. */
    double millis() throws IOException {
        Map<Long, long[]> all = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).forEach(p -> stat(p, all));
        }
        if (!all.containsKey(pid)) {
            throw new IOException("no process " + pid);
        }
        long ticks = 0;
        for (Map.Entry<Long, long[]> e : all.entrySet()) {
            if (descends(e.getKey(), all)) {
                ticks += e.getValue()[1];
            }
        }
        return ticks * 1000.0 / ticksPerSecond;
    }

    private boolean descends(long p, Map<Long, long[]> all) {
        for (int depth = 0; depth < 64 && all.containsKey(p); depth++) {
            if (p == pid) {
                return true;
            }
            p = all.get(p)[0];
        }
        return false;
    }

    /** {ppid, utime + stime} of one /proc entry; a process gone meanwhile is skipped. */
    private static void stat(Path proc, Map<Long, long[]> into) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // fields after "(comm)": state is field 3, ppid 4, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            into.put(Long.parseLong(proc.getFileName().toString()),
                    new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])});
        } catch (IOException | RuntimeException gone) {
            // exited between the listing and the read
        }
    }

    /** sysconf(_SC_CLK_TCK) through getconf; 100 (USER_HZ on Linux) when that fails. */
    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
