package org.xai4j.bench;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.xai4j.data.Batch;
import org.xai4j.model.ModelAdapter;
import org.xai4j.step.TrainingStep;

/** One whole training step as the benchmarks time it: the step's gradient, the DL4J updater and the update. */
final class StepTiming {
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private StepTiming() {
    }

    /** Runs one step; returns {wall seconds, process CPU seconds}. */
    static double[] run(ModelAdapter adapter, TrainingStep step, Batch batch) {
        long c0 = CPU.getProcessCpuTime();
        long t0 = System.nanoTime();
        Gradient g = step.compute(adapter, batch).gradient();
        var graph = adapter.graph();
        graph.getUpdater().update(g, 0, 0, batch.size(), LayerWorkspaceMgr.noWorkspaces());
        graph.params().subi(g.gradient());
        return new double[] {(System.nanoTime() - t0) / 1e9, (CPU.getProcessCpuTime() - c0) / 1e9};
    }
}
