package org.xai4j.config;

import java.util.List;

/**
 * Fine-tuning ({@code train.finetune}): a new run whose weights start from a checkpoint (not a resume: the
 * optimiser, learning rate, schedule and early stopping are this config's own, the epoch count starts at 0), with
 * some layer groups frozen. The recipe of Margeloiu et al. (2020) fine-tunes the last groups of a robust model
 * with standard training.
 *
 * <pre>
 * train:
 *   finetune:
 *     from: checkpoints/robust/best.ckpt
 *     freeze: [stem+stage1, stage2, stage3]   # ResNet groups; DenseNet: stem, block1..; VGG: stage1..
 * </pre>
 *
 * @param from   checkpoint to take the architecture and weights from; null (default) builds a fresh model
 * @param freeze names of the model's layer groups ({@code ModelDescription.layerGroups}) whose parameters and
 *               BatchNorm running statistics stay bit-identical; default none. Needs {@code from}
 */
public record FinetuneOptions(String from, List<String> freeze) {
    public FinetuneOptions {
        freeze = freeze == null ? List.of() : List.copyOf(freeze);
        if (from != null && from.isBlank()) {
            throw new IllegalArgumentException("from: must name a checkpoint file, got an empty string");
        }
        if (!freeze.isEmpty() && from == null) {
            throw new IllegalArgumentException("freeze: needs from (the checkpoint whose layers are frozen)");
        }
        if (freeze.stream().distinct().count() != freeze.size()) {
            throw new IllegalArgumentException("freeze: lists a group twice: " + freeze);
        }
    }

    public static FinetuneOptions defaults() {
        return new FinetuneOptions(null, null);
    }

    public boolean enabled() {
        return from != null;
    }
}
