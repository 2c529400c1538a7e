package dev.signalbox.gateway.channel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Writes that the live tail holds back until it has offered every record of one poll. A session
 * that gets several events from one poll then writes them in one go (one flush, one system call);
 * and sessions whose connections write on the same event loop are handed to that loop as one task,
 * not one each. Only the thread that opened a batch sees it; elsewhere (history readers, a
 * session's own answers) work is handed over at once.
 */
public final class DeliveryBatch {

    private static final ThreadLocal<DeliveryBatch> OPEN = new ThreadLocal<>();

    /** Tasks per executor, in the order they came. */
    private final Map<Executor, List<Runnable>> grouped = new IdentityHashMap<>();
    private final List<Runnable> ungrouped = new ArrayList<>();

    private DeliveryBatch() {
    }

    /** Runs {@code dispatch} with a batch open on this thread, then hands over what it held back. */
    static void run(Runnable dispatch) {
        DeliveryBatch batch = new DeliveryBatch();
        OPEN.set(batch);
        try {
            dispatch.run();
        } finally {
            OPEN.remove();
            batch.handOver();
        }
    }

    /**
     * Runs {@code task} on {@code executor}: at the end of this thread's batch if one is open, else now.
     *
     * @param shareTask true when tasks for this executor may run one after another in one task: the
     *                  executor is a connection's own event loop, whose writes never block. False
     *                  for a pool of blocking writers, where each task must stay its own.
     */
    public static void execute(Executor executor, Runnable task, boolean shareTask) {
        DeliveryBatch batch = OPEN.get();
        if (batch == null) {
            executor.execute(task);
        } else if (shareTask) {
            batch.grouped.computeIfAbsent(executor, any -> new ArrayList<>()).add(task);
        } else {
            batch.ungrouped.add(() -> executor.execute(task));
        }
    }

    private void handOver() {
        grouped.forEach((executor, tasks) -> executor.execute(() -> tasks.forEach(Runnable::run)));
        ungrouped.forEach(Runnable::run);
    }
}
