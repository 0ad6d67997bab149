package org.xai4j.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.junit.jupiter.api.Test;

/** Arbiter's generators over the project's search space cover the ranges the space file writes. */
class SearchSpaceTest {
    private static SearchSpace space(String yaml) throws Exception {
        JsonNode tree = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml);
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        return SearchSpace.parse(entries, "space.yaml");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> draw(CandidateGenerator g, SearchSpace s, int n) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < n && g.hasMoreCandidates(); i++) {
            out.add(s.rendered((Map<String, Object>) g.getCandidate().getValue()));
        }
        return out;
    }

    @Test
    void randomSearchCoversEveryKindOfRange() throws Exception {
        SearchSpace s = space("""
                a: uniform(-1, 3)
                lr: log(1e-4, 1)
                n: int(2, 5)
                opt: [adam, sgd, "yes", [1, 2]]
                """);
        RandomSearchGenerator g = new RandomSearchGenerator(s, null);
        g.setRngSeed(3);
        List<Map<String, String>> c = draw(g, s, 2000);
        double[] a = c.stream().mapToDouble(m -> Double.parseDouble(m.get("a"))).toArray();
        double[] lr = c.stream().mapToDouble(m -> Double.parseDouble(m.get("lr"))).toArray();
        assertThat(Arrays.stream(a).allMatch(v -> v >= -1 && v <= 3)).isTrue();
        assertThat(Arrays.stream(a).min().orElseThrow()).isLessThan(-0.95);
        assertThat(Arrays.stream(a).max().orElseThrow()).isGreaterThan(2.95);
        assertThat(Arrays.stream(a).average().orElseThrow()).isCloseTo(1.0, within(0.1));
        assertThat(Arrays.stream(lr).allMatch(v -> v >= 1e-4 && v <= 1)).isTrue();
        // uniform in log space: each decade holds a quarter of the draws
        for (int d = 0; d < 4; d++) {
            double lo = Math.pow(10, -4 + d);
            long inDecade = Arrays.stream(lr).filter(v -> v >= lo && v < lo * 10).count();
            assertThat(inDecade / 2000.0).as("decade " + lo).isCloseTo(0.25, within(0.04));
        }
        Set<String> ints = new HashSet<>();
        Set<String> opts = new HashSet<>();
        c.forEach(m -> {
            ints.add(m.get("n"));
            opts.add(m.get("opt"));
        });
        assertThat(ints).containsExactlyInAnyOrder("2", "3", "4", "5");
        // plain names unquoted; a word YAML reads as a boolean stays a quoted string; lists stay lists
        assertThat(opts).containsExactlyInAnyOrder("adam", "sgd", "\"yes\"", "[1,2]");
    }

    @Test
    void gridSearchTakesEveryCombinationWithLogSpacedPoints() throws Exception {
        SearchSpace s = space("""
                lr: log(1e-3, 1e-1)
                opt: [adam, sgd]
                """);
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(s, 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertThat(g.getTotalNumCandidates()).isEqualTo(6);
        List<Map<String, String>> c = draw(g, s, 100);
        assertThat(c).hasSize(6);
        Set<String> combos = new HashSet<>();
        Set<Double> lrs = new HashSet<>();
        for (Map<String, String> m : c) {
            combos.add(m.get("lr") + "/" + m.get("opt"));
            lrs.add(Math.rint(Math.log10(Double.parseDouble(m.get("lr"))) * 1e9) / 1e9);
        }
        assertThat(combos).hasSize(6);
        assertThat(lrs).containsExactlyInAnyOrder(-3.0, -2.0, -1.0);
    }

    @Test
    void theSameSeedDrawsTheSameCandidates() throws Exception {
        List<List<Map<String, String>>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            SearchSpace s = space("lr: log(1e-4, 1)\nn: int(1, 9)");
            RandomSearchGenerator g = new RandomSearchGenerator(s, null);
            g.setRngSeed(11);
            runs.add(draw(g, s, 20));
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
    }

    @Test
    void medianPrunerComparesTheBestSoFarWithTheEarlierTrialsAtTheSameEpoch() {
        List<List<Double>> earlier = List.of(List.of(0.6, 0.8), List.of(0.7, 0.9), List.of(0.5));
        assertThat(MedianPruner.median(earlier, 1)).isEqualTo(0.6);
        assertThat(MedianPruner.median(earlier, 2)).isCloseTo(0.85, within(1e-12));
        List<Double> values = new ArrayList<>(List.of(0.65, 0.7));
        MedianPruner p = new MedianPruner(new PruneOptions(1, 2), earlier, (m, e) -> values.remove(0));
        p.onEpoch(null, epoch(1));
        assertThat(p.stopRequested()).isFalse();
        p.onEpoch(null, epoch(2));
        assertThat(p.stopRequested()).isTrue();
        assertThat(p.reason()).contains("epoch 2").contains("0.7000").contains("0.8500");
        assertThat(p.curve()).containsExactly(0.65, 0.7);
    }

    private static org.xai4j.train.EpochSummary epoch(int e) {
        return new org.xai4j.train.EpochSummary(e, Map.of(), 0.5, 0.5, 1e-3, 1, 1, false);
    }

    @Test
    void everyShippedSpaceFileParses() throws Exception {
        List<java.nio.file.Path> files = new ArrayList<>();
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of("configs", "tune"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).forEach(files::add);
        }
        files.add(java.nio.file.Path.of("experiments", "attribution-constraint", "tune-space.yaml"));
        for (java.nio.file.Path f : files) {
            assertThat(java.nio.file.Files.readString(f)).as(f + " opens with a comment").startsWith("#");
            TuneOptions o = org.xai4j.config.ConfigLoader.load(f, TuneOptions.class, List.of());
            assertThat(SearchSpace.parse(o.parameters(), f.toString()).parameters()).as(f.toString()).isNotEmpty();
        }
    }
}
