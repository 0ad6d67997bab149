package org.xai4j.config;

import java.nio.file.Path;
import java.util.List;

/** Small config records written the way the project's real sections are: boxed, defaulted, validated. */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    /** Where data comes from. */
    public enum Source { SYNTHETIC, CSV }

    /** The whole test config. */
    public record RunConfig(String name, Integer seed, Train train, Model model, Data data) {
        public RunConfig {
            name = name == null ? "run" : name;
            seed = seed == null ? 42 : seed;
            train = train == null ? new Train(null, null, null, null) : train;
            model = model == null ? new Model(null, null, null) : model;
            data = data == null ? new Data(null, null, null) : data;
            if (seed < 0) {
                throw new IllegalArgumentException("seed: must be >= 0, got " + seed);
            }
        }
    }

    /** The train section, with a cross-field rule whose message does not start with a field name. */
    public record Train(Integer epochs, Integer batchSize, Double lr, Boolean augment) {
        public Train {
            epochs = epochs == null ? 10 : epochs;
            batchSize = batchSize == null ? 32 : batchSize;
            lr = lr == null ? 1e-3 : lr;
            augment = augment == null ? Boolean.TRUE : augment;
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs: must be >= 1, got " + epochs);
            }
            if (!(lr > 0)) {
                throw new IllegalArgumentException("lr: must be > 0, got " + lr);
            }
            if (batchSize > 64 && augment) {
                throw new IllegalArgumentException("augmentation supports batches of at most 64");
            }
        }

        /** A helper that must not end up in written configs. */
        public boolean isLong() {
            return epochs > 100;
        }
    }

    /** The model section. */
    public record Model(String architecture, Double widthMultiplier, List<Integer> blocks) {
        public Model {
            architecture = architecture == null ? "resnet18" : architecture;
            widthMultiplier = widthMultiplier == null ? 1.0 : widthMultiplier;
            blocks = blocks == null ? List.of(2, 2, 2, 2) : List.copyOf(blocks);
            if (!(widthMultiplier > 0 && widthMultiplier <= 4)) {
                throw new IllegalArgumentException("widthMultiplier: must be in (0, 4], got " + widthMultiplier);
            }
        }

        public static Model of(String architecture) {
            return new Model(architecture, null, null);
        }
    }

    /** The data section: an enum, a list of strings and a path. */
    public record Data(Source source, List<String> pathologies, Path root) {
        public Data {
            source = source == null ? Source.SYNTHETIC : source;
            pathologies = pathologies == null ? List.of("tumor") : List.copyOf(pathologies);
            root = root == null ? Path.of("datasets/synthetic") : root;
        }
    }

    /** A section with a single component, which Jackson must still bind as key: value pairs. */
    public record Single(Integer epochs) {
        public Single {
            epochs = epochs == null ? 1 : epochs;
        }
    }
}
