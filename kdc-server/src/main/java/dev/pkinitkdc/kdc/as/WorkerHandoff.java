package dev.pkinitkdc.kdc.as;

import java.util.concurrent.Executor;

/**
 * Hands AS-REQ stages to the CPU workers: {@link #toWorker} always queues to them; {@link #stayOnWorker} runs at
 * once when the calling thread is a worker running one of this handoff's tasks (the stages before completed
 * there without waiting: an in-process directory, a cached revocation answer), so a request does not queue twice,
 * and queues otherwise (a directory or revocation thread completed the stage before).
 */
final class WorkerHandoff {
    /** Set while a worker runs a task queued by a handoff. */
    private static final ThreadLocal<Boolean> ON_WORKER = new ThreadLocal<>();

    private final Executor workers;

    WorkerHandoff(Executor workers) {
        this.workers = workers;
    }

    void toWorker(Runnable task) {
        workers.execute(() -> {
            ON_WORKER.set(Boolean.TRUE);
            try {
                task.run();
            } finally {
                ON_WORKER.remove();
            }
        });
    }

    void stayOnWorker(Runnable task) {
        if (ON_WORKER.get() != null) {
            task.run();
        } else {
            toWorker(task);
        }
    }
}
