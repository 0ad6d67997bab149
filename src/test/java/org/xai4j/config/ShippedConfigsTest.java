package org.xai4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xai4j.model.ModelRegistry;

/** Every config under configs/ loads, names a registered architecture and opens with a comment. */
class ShippedConfigsTest {
    @Test
    void everyShippedConfigIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(Files.readString(f)).as(f + " opens with a comment saying what it is for").startsWith("#");
            RunConfig c = ConfigLoader.load(f, RunConfig.class, List.of());
            assertThat(ModelRegistry.architectures()).as(f.toString()).contains(c.model().architecture());
        }
    }
}
