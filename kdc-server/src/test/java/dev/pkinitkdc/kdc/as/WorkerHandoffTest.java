package dev.pkinitkdc.kdc.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.support.DaemonThreads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerHandoffTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2, DaemonThreads.named("test-worker"));
    private final WorkerHandoff handoff = new WorkerHandoff(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void fromAnotherThreadTheTaskRunsOnAWorker() throws Exception {
        Thread caller = Thread.currentThread();
        Thread ran = CompletableFuture.supplyAsync(Thread::currentThread, handoff::stayOnWorker)
                .get(5, TimeUnit.SECONDS);
        assertNotEquals(caller, ran);
        assertTrue(ran.getName().startsWith("test-worker-"), ran.getName());
    }

    @Test
    void onAWorkerOfTheHandoffTheNextStageRunsInPlaceWithoutQueueing() throws Exception {
        // one worker: had the second stage been queued, the task queued meanwhile by the first would run before it
        ExecutorService one = Executors.newSingleThreadExecutor(DaemonThreads.named("one-worker"));
        try {
            WorkerHandoff single = new WorkerHandoff(one);
            List<String> order = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> start = new CompletableFuture<>();   // attach the chain first, as the pipeline
            CompletableFuture<Void> done = start.thenRunAsync(() -> {
                order.add("first stage");
                one.execute(() -> order.add("other task"));
            }, single::toWorker).thenRunAsync(() -> order.add("second stage"), single::stayOnWorker);
            start.complete(null);
            done.get(5, TimeUnit.SECONDS);
            one.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("first stage", "second stage", "other task"), order);
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void aWorkerThreadRunningSomeoneElsesTaskIsNotTakenForOneOfTheHandoffs() throws Exception {
        // the same pool thread, but the task was queued directly, not by the handoff: the stage must queue
        CompletableFuture<Boolean> ranInline = CompletableFuture.supplyAsync(() -> {
            boolean[] inline = {false};
            Thread self = Thread.currentThread();
            handoff.stayOnWorker(() -> inline[0] = Thread.currentThread() == self);
            return inline[0];
        }, pool);
        assertEquals(false, ranInline.get(5, TimeUnit.SECONDS));
    }
}
