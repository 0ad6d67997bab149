package org.xai4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.config.ConfigFixtures.RunConfig;
import org.xai4j.config.ConfigFixtures.Source;
import org.xai4j.model.ModelOptions;

class ConfigLoaderTest {
    private static final String SRC = "configs/x.yaml";

    @TempDir
    Path dir;

    private static RunConfig yaml(String text, String... overrides) {
        return ConfigLoader.fromYaml(text, SRC, RunConfig.class, List.of(overrides));
    }

    private static void fails(String text, String message, String... overrides) {
        assertThatThrownBy(() -> yaml(text, overrides)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    /** {@code model.init} on the real run config (the fixtures' model section has no such key). */
    @Test
    void modelInitNamesItsSchemes() {
        java.util.function.Function<String, org.xai4j.config.RunConfig> real =
                text -> ConfigLoader.fromYaml(text, SRC, org.xai4j.config.RunConfig.class, List.of());
        assertThat(real.apply("model: {architecture: resnet-cifar}").model().init())
                .isEqualTo(org.xai4j.model.InitScheme.HE);
        assertThat(real.apply("model: {init: pytorch}").model().init()).isEqualTo(org.xai4j.model.InitScheme.PYTORCH);
        assertThatThrownBy(() -> real.apply("model: {init: xavier}")).isInstanceOf(ConfigException.class)
                .hasMessage(SRC + ": key 'model.init': unknown 'xavier' (allowed: he, pytorch)");
    }

    @Test
    void bindsEveryKindOfValue() throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, """
                # a test config
                name: demo
                train:
                  epochs: 5
                  lr: 1e-4
                  augment: false
                model:
                  widthMultiplier: 1
                  blocks: [1, 1, 1, 1]
                data:
                  source: CSV
                  pathologies: [ms, tumor]
                  root: data/csv
                """);
        RunConfig c = ConfigLoader.load(file, RunConfig.class, List.of());
        assertThat(c.name()).isEqualTo("demo");
        assertThat(c.train().epochs()).isEqualTo(5);
        assertThat(c.train().lr()).isEqualTo(1e-4);
        assertThat(c.train().augment()).isFalse();
        assertThat(c.train().batchSize()).isEqualTo(32);
        assertThat(c.model().widthMultiplier()).isEqualTo(1.0);
        assertThat(c.model().blocks()).containsExactly(1, 1, 1, 1);
        assertThat(c.model().architecture()).isEqualTo("resnet18");
        assertThat(c.data().source()).isEqualTo(Source.CSV);
        assertThat(c.data().pathologies()).containsExactly("ms", "tumor");
        assertThat(c.data().root()).isEqualTo(Path.of("data/csv"));
    }

    @Test
    void missingKeysSectionsAndFilesMeanDefaults() throws Exception {
        RunConfig defaults = new RunConfig(null, null, null, null, null);
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "# nothing set\n");
        assertThat(ConfigLoader.load(empty, RunConfig.class, List.of())).isEqualTo(defaults);
        assertThat(ConfigLoader.load(null, RunConfig.class, null)).isEqualTo(defaults);
        assertThat(ConfigLoader.fromDefaults(RunConfig.class, List.of())).isEqualTo(defaults);
        assertThat(yaml("train: {epochs: ~}\nmodel: {}")).isEqualTo(defaults);
    }

    @Test
    void singleComponentRecordsAndTheProjectsModelOptionsBind() {
        assertThat(ConfigLoader.fromYaml("epochs: 4", SRC, ConfigFixtures.Single.class, List.of()).epochs())
                .isEqualTo(4);
        assertThatThrownBy(() -> ConfigLoader.fromYaml("4", SRC, ConfigFixtures.Single.class, List.of()))
                .hasMessage(SRC + ": expected key: value pairs at the top level, got 4");
        ModelOptions model = ConfigLoader.fromDefaults(ModelOptions.class, List.of("blocks=[1,1,1,1]"));
        assertThat(model.blocks()).containsExactly(1, 1, 1, 1);
        assertThat(model.widthMultiplier()).isEqualTo(1.0);
        assertThatThrownBy(() -> ConfigLoader.fromDefaults(ModelOptions.class, List.of("widthMultiplier=9")))
                .hasMessage("<defaults>: key 'widthMultiplier': must be in (0, 4], got 9.0"
                        + " (set by --set widthMultiplier=9)");
    }

    @Test
    void enumsAreCaseInsensitive() {
        assertThat(yaml("data: {source: Csv}").data().source()).isEqualTo(Source.CSV);
        assertThat(yaml("data: {source: synthetic}").data().source()).isEqualTo(Source.SYNTHETIC);
    }

    @Test
    void overridesAreParsedAsYamlValuesAndCreateSections() {
        RunConfig c = ConfigLoader.fromDefaults(RunConfig.class, List.of("train.epochs=5",
                "model.blocks=[1,1,1,1]", "data.pathologies=[ms, tumor]", "model.architecture=vgg16-bn",
                "train.lr=2.5e-3", "train.augment=false", "name=a: b # not a comment", "data.source=CSV"));
        assertThat(c.train().epochs()).isEqualTo(5);
        assertThat(c.model().blocks()).containsExactly(1, 1, 1, 1);
        assertThat(c.data().pathologies()).containsExactly("ms", "tumor");
        assertThat(c.model().architecture()).isEqualTo("vgg16-bn");
        assertThat(c.train().lr()).isEqualTo(2.5e-3);
        assertThat(c.train().augment()).isFalse();
        assertThat(c.name()).isEqualTo("a: b # not a comment");
        assertThat(c.data().source()).isEqualTo(Source.CSV);
    }

    @Test
    void overridesReplaceFileValuesQuotedStringsStayStringsAndEmptyRestoresDefault() {
        RunConfig c = yaml("name: file\ntrain: {epochs: 3, lr: 0.5}", "train.epochs=7", "name='5'", "train.lr=");
        assertThat(c.train().epochs()).isEqualTo(7);
        assertThat(c.name()).isEqualTo("5");
        assertThat(c.train().lr()).isEqualTo(1e-3);
    }

    @Test
    void unknownKeyListsTheAllowedOnes() {
        fails("train:\n  epochz: 3\n",
                SRC + ": unknown key 'train.epochz' (allowed: augment, batchSize, epochs, lr)");
        fails("modle: {}\n", SRC + ": unknown key 'modle' (allowed: data, model, name, seed, train)");
    }

    @Test
    void wrongScalarTypesAreErrors() {
        fails("train: {epochs: abc}", SRC + ": key 'train.epochs': expected an integer, got 'abc'");
        fails("train: {epochs: 1.5}", SRC + ": key 'train.epochs': expected an integer, got 1.5");
        fails("train: {epochs: '5'}", SRC + ": key 'train.epochs': expected an integer, got '5'");
        fails("train: {lr: fast}", SRC + ": key 'train.lr': expected a number, got 'fast'");
        fails("train: {augment: 1}", SRC + ": key 'train.augment': expected true or false, got 1");
        fails("train: {epochs: 99999999999}",
                SRC + ": key 'train.epochs': expected an integer, got 99999999999 (out of range)");
    }

    @Test
    void wrongShapesAreErrors() {
        fails("model: {blocks: [1, x]}", SRC + ": key 'model.blocks[1]': expected an integer, got 'x'");
        fails("model: {blocks: 3}", SRC + ": key 'model.blocks': expected a list, got 3");
        fails("model: 5", SRC + ": key 'model': expected a section (key: value pairs), got 5");
        fails("[1, 2]", SRC + ": expected key: value pairs at the top level, got [1,2]");
    }

    @Test
    void enumErrorsListTheAllowedNames() {
        fails("data: {source: foo}", SRC + ": key 'data.source': unknown 'foo' (allowed: synthetic, csv)");
    }

    @Test
    void recordValidationNamesTheFullKeyPath() {
        fails("model: {widthMultiplier: 9}", SRC + ": key 'model.widthMultiplier': must be in (0, 4], got 9.0");
        fails("seed: -1", SRC + ": key 'seed': must be >= 0, got -1");
        fails("train: {batchSize: 128}", SRC + ": key 'train': augmentation supports batches of at most 64");
    }

    @Test
    void errorsCausedByOverridesSaySo() {
        fails("train: {epochs: 3}", SRC + ": key 'train.epochs': expected an integer, got 'abc'"
                + " (set by --set train.epochs=abc)", "train.epochs=abc");
        fails("", SRC + ": unknown key 'train.epochz' (allowed: augment, batchSize, epochs, lr)"
                + " (set by --set train.epochz=1)", "train.epochz=1");
        fails("", SRC + ": key 'model.widthMultiplier': must be in (0, 4], got 9.0"
                + " (set by --set model.widthMultiplier=9)", "model.widthMultiplier=9", "train.epochs=2");
        fails("train: {epochs: 0}", SRC + ": key 'train.epochs': must be >= 1, got 0", "train.lr=0.1");
    }

    @Test
    void malformedOverridesAreNamed() {
        fails("", SRC + ": malformed override --set 'train.epochs' (expected key.path=value)", "train.epochs");
        fails("", SRC + ": malformed override --set 'train..epochs=1' (empty key segment; expected key.path=value)",
                "train..epochs=1");
        fails("train: {epochs: 3}", SRC + ": cannot apply --set train.epochs.max=1: key 'train.epochs' is not a"
                + " section (it holds 3)", "train.epochs.max=1");
        assertThatThrownBy(() -> yaml("", "model.blocks=[1,2")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(SRC + ": malformed value in --set model.blocks=[1,2: YAML syntax error at line 1");
        assertThatThrownBy(() -> ConfigLoader.fromDefaults(RunConfig.class, List.of("seed=x")))
                .hasMessage("<defaults>: key 'seed': expected an integer, got 'x' (set by --set seed=x)");
    }

    @Test
    void missingFileAndSyntaxErrors() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, RunConfig.class, List.of()))
                .isInstanceOf(ConfigException.class).hasMessage(missing + ": file not found");
        fails("train:\n  epochs: 3\n   lr: 1\n",
                SRC + ": YAML syntax error at line 3, column 6: mapping values are not allowed here");
        fails("train: [1,\n", SRC + ": YAML syntax error at line 2, column 1: expected the node content, but found"
                + " '<stream end>' (while parsing a flow node)");
        fails("train:\n  epochs: 1\n  epochs: 2\n", SRC + ": duplicate key 'epochs' at line 3");
    }
}
