package org.xai4j.model;

import java.util.List;

/** Resolves {@link ModelOptions#blocks()} against a family's reference depth per stage. */
final class StageDepths {
    private StageDepths() {
    }

    /**
     * @return the override from the options when given, else the reference
     * @throws IllegalArgumentException starting with {@code blocks:} when the override has the wrong length
     */
    static List<Integer> resolve(ModelOptions options, List<Integer> reference) {
        List<Integer> blocks = options.blocks();
        if (blocks == null) {
            return reference;
        }
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("blocks: " + options.architecture()
                    + " has no configurable depth, leave model.blocks unset (got " + blocks + ")");
        }
        if (blocks.size() != reference.size()) {
            throw new IllegalArgumentException("blocks: " + options.architecture() + " has " + reference.size()
                    + " stages, so blocks needs " + reference.size() + " entries (reference " + reference
                    + "), got " + blocks);
        }
        return blocks;
    }
}
