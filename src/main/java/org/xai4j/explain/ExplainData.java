package org.xai4j.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;

/** Which data {@code explain} reads and which of its images it explains. */
public final class ExplainData {
    private ExplainData() {
    }

    /**
     * The named images of the split, or {@code limit} of them: pathological and healthy images alternately, each in
     * split order, as long as both kinds last (so that a small report shows both).
     */
    public static List<Sample> select(SampleSet set, Split split, List<String> ids, int limit) {
        List<Sample> samples = set.split(split);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("--split: the " + split.label() + " split is empty");
        }
        if (ids.isEmpty()) {
            List<Sample> sick = samples.stream().filter(Sample::isPathological).toList();
            List<Sample> healthy = samples.stream().filter(s -> !s.isPathological()).toList();
            List<Sample> out = new ArrayList<>();
            for (int i = 0; out.size() < Math.min(limit, samples.size()); i++) {
                if (i < sick.size()) {
                    out.add(sick.get(i));
                }
                if (i < healthy.size() && out.size() < limit) {
                    out.add(healthy.get(i));
                }
            }
            return out;
        }
        Map<String, Sample> byId = new LinkedHashMap<>();
        samples.forEach(s -> byId.put(s.id(), s));
        List<Sample> out = new ArrayList<>();
        for (String id : ids) {
            Sample s = byId.get(id);
            if (s == null) {
                throw new IllegalArgumentException("--images: no image '" + id + "' in the " + split.label()
                        + " split");
            }
            out.add(s);
        }
        return out;
    }
}
