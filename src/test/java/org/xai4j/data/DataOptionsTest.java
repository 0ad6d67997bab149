package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataOptionsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path tmp;

    @Test
    void yamlBindsWithDefaultsForEverythingLeftOut() throws Exception {
        DataOptions o = YAML.readValue("""
                source: synthetic
                synthetic:
                  size: 32
                  train: 4
                  val: 1
                  test: 2
                  pathologies: [ms]
                  confounder: {type: marker, rate: 1.0}
                transforms: {normalisation: zscore, flipHorizontal: 0.5}
                """, DataOptions.class);
        assertThat(o.synthetic().size()).isEqualTo(32);
        assertThat(o.synthetic().seed()).isEqualTo(42L);
        assertThat(o.synthetic().prevalence()).isEqualTo(0.5);
        assertThat(o.synthetic().confounder().rate()).isEqualTo(1.0);
        assertThat(o.transforms().normalisation()).isEqualTo("zscore");
        assertThat(o.transforms().rotation()).isZero();
        assertThat(o.manifest()).isEqualTo(ManifestOptions.defaults());
        SampleSet set = DataSources.load(o, tmp);
        assertThat(set.samples()).hasSize(7);
        assertThat(set.height()).isEqualTo(32);
        assertThat(set.samples().get(0).masks()).containsKeys("ms", "marker").doesNotContainKey("tumor");
        assertThat(YAML.readValue("{}", DataOptions.class)).isEqualTo(DataOptions.defaults());
        // a resolved config written back out reads in unchanged (no derived properties leak into YAML)
        assertThat(YAML.readValue(YAML.writeValueAsString(o), DataOptions.class)).isEqualTo(o);
    }

    @Test
    void badValuesNameTheField() {
        assertThatThrownBy(() -> YAML.readValue("synthetic: {prevalence: 1.5}", DataOptions.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("prevalence: must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> YAML.readValue("synthetic: {confounder: {type: foo}}", DataOptions.class))
                .hasMessageContaining("confounder.type: unknown 'foo' (allowed: none, intensity, noise, marker)");
        assertThatThrownBy(() -> YAML.readValue("synthetic: {sise: 64}", DataOptions.class))
                .hasMessageContaining("sise");
        assertThatThrownBy(() -> new DataOptions("dicom", null, null, null, null, null, null))
                .hasMessage("source: unknown 'dicom' (allowed: synthetic, csv, chestxray14, ham10000, chexpert)");
        assertThatThrownBy(() -> new DataOptions("csv", null, null, null, null, null, null))
                .hasMessageStartingWith("manifest.path:");
        assertThatThrownBy(() -> YAML.readValue("batchSize: 8", DataOptions.class))
                .as("the batch size lives in train.batchSize").hasMessageContaining("batchSize");
    }

    @Test
    void csvSourceLoadsAnExportRelativeToTheBaseDir() {
        SampleSet set = Synth.of(3, 1, 1).size(32).load();
        ManifestExporter.export(set, tmp.resolve("datasets/s"));
        DataOptions o = new DataOptions("csv", null, ManifestOptions.of("datasets/s/manifest.csv", null,
                set.labelNames(), null), null, null, null, null);
        SampleSet back = DataSources.load(o, tmp);
        for (int i = 0; i < 5; i++) {
            Samples.assertSame(set.samples().get(i), back.samples().get(i));
        }
    }
}
