package org.xai4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.engine.Engine;
import org.xai4j.report.CsvTable;

/** {@code xai4j bench} on a tiny model: every engine this build can run, one round, all columns filled. */
class ModelThroughputBenchTest {
    private static List<Engine> availableEngines() {
        List<Engine> e = new ArrayList<>(List.of(Engine.BUILTIN));
        if (Engine.oneDnnNativesLoaded()) {
            e.add(Engine.ONEDNN);
        }
        return e;
    }

    @Test
    void reportsEfficiencyPerEngine(@TempDir Path dir) {
        List<BenchCase> cases = BenchOptions.sameSettings(List.of("resnet18"), 16, 1, 2, 0.125, List.of(1, 1, 1, 1));
        BenchOptions o = new BenchOptions(cases, availableEngines(), 0, 1, true, 64);
        BenchReport r = ModelThroughputBench.run(o, new PrintStream(PrintStream.nullOutputStream()));
        assertThat(r.results()).hasSize(o.engines().size());
        for (ThroughputResult t : r.results()) {
            assertThat(t.flops().training()).isGreaterThan(t.flops().forward());
            assertThat(t.efficiency(r.reference())).isPositive();
            assertThat(t.attributionEfficiency(r.reference())).isPositive();
            assertThat(t.memory().processBytes()).isPositive();
        }
        Path csv = dir.resolve("models.csv");
        ThroughputCsv.write(csv, r);
        CsvTable t = CsvTable.read(csv);
        assertThat(t.header()).isEqualTo(ThroughputCsv.HEADER);
        assertThat(t.rows()).hasSize(o.engines().size());
        assertThat(EfficiencyTable.markdown(r)).hasSize(2 + o.engines().size() + 1);
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertThat(run("bench", "--suite", "efficiency", "--size", "32")).contains("drop --size or drop --suite");
        assertThat(run("bench", "--suite", "fast")).contains("--suite: unknown suite 'fast'");
        assertThat(run("bench", "--engines", "mkl")).contains("engine: unknown engine 'mkl'");
        assertThatThrownBy(() -> new BenchOptions(EfficiencySuite.cases(), List.of(Engine.BUILTIN, Engine.BUILTIN),
                0, 1, false, 64)).hasMessageStartingWith("--engines:");
    }

    @Test
    void withoutEnginesTheBenchTimesTheProcesssEngine(@TempDir Path dir) {
        Path csv = dir.resolve("bench.csv");
        assertThat(Main.run("bench", "--models", "patch", "--size", "16", "--width", "0.125", "--batch", "2",
                "--warmup", "0", "--iterations", "1", "--gemm-size", "64", "--out", csv.toString())).isZero();
        CsvTable t = CsvTable.read(csv);
        assertThat(t.rows()).hasSize(1);
        assertThat(t.rows().get(0).get(t.header().indexOf("engine"))).isEqualTo(Engine.current().id());
    }

    private static String run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertThat(Main.run(args)).isEqualTo(Main.USAGE);
        } finally {
            System.setErr(saved);
        }
        return err.toString();
    }
}
