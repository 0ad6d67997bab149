package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestErrorsTest {
    private static final String HEADER = "id,image,label,split,lesion_mask,boxes\n";
    private static final String GOOD = "a,a.png,1,train,m.png,0 1 1 3 3\n";

    @TempDir
    Path tmp;

    @BeforeEach
    void images() throws Exception {
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", tmp.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", tmp.resolve("m.png").toFile());
        ImageIO.write(new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY), "png", tmp.resolve("big.png").toFile());
        Files.writeString(tmp.resolve("junk.png"), "this is not an image");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing image     | b,nope.png,0,test,,             | image 'nope.png' not found (resolved to ",
        "missing mask      | b,a.png,0,test,gone.png,        | lesion mask 'gone.png' not found",
        "non-numeric label | b,a.png,yes,test,,              | label 'label': 'yes' is not a number",
        "label out of range| b,a.png,2,test,,                | label 'label': 2 is outside [0, 1]",
        "soft label        | b,a.png,0.5,test,,              | label 'label': 0.5 is neither 0 nor 1 (soft labels",
        "unknown split     | b,a.png,0,holdout,,             | unknown split 'holdout'",
        "too few columns   | b,a.png,0,test                  | expected 6 columns, found 4",
        "too many columns  | b,a.png,0,test,,,extra          | expected 6 columns, found 7",
        "bad box           | b,a.png,0,test,,0 1 2           | box '0 1 2': expected 'label x0 y0 x1 y1'",
        "box label         | b,a.png,0,test,,7 1 1 2 2       | box '7 1 1 2 2': label 7 out of range",
        "box order         | b,a.png,0,test,,0 3 3 1 1       | box corners out of order",
        "box outside image | b,a.png,0,test,,0 1 1 20 2      | outside the 8x8 image",
        "image size        | b,big.png,0,test,,              | image 'big.png' is 9x8, expected 8x8",
        "mask size         | b,a.png,0,test,big.png,         | lesion mask is 9x8, expected 8x8",
        "unreadable image  | b,junk.png,0,test,,             | image 'junk.png' cannot be read",
        "duplicate id      | a,a.png,0,test,,                | duplicate id 'a'",
    })
    void badRowNamesTheFileAndTheLine(String what, String row, String message) throws Exception {
        // a good line 2, a blank line 3, the bad row on line 4, then a good line 5
        Path manifest = tmp.resolve("sets/x/manifest.csv");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, HEADER + GOOD + "\n" + row + "\nc,a.png,0,val,,\n");
        // paths are relative to the manifest's folder
        for (String f : List.of("a.png", "m.png", "big.png", "junk.png")) {
            Files.copy(tmp.resolve(f), manifest.getParent().resolve(f));
        }
        assertThatThrownBy(() -> CsvManifestSource.load(ManifestOptions.defaults().withPath("sets/x/manifest.csv"),
                tmp))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(manifest + " line 4: ")
                .hasMessageContaining(message);
    }

    @Test
    void softLabelsAreTrainingTargetsOnlyWhenAskedFor() throws Exception {
        Files.writeString(tmp.resolve("soft.csv"), "image,label\na.png,0.7\na.png,0\na.png,1\n");
        ManifestOptions soft = new ManifestOptions("soft.csv", null, null, null, null, null, null, null, null, null,
                null, null, null, true);
        assertThat(CsvManifestSource.load(soft, tmp).samples()).extracting(s -> s.labels()[0])
                .containsExactly(0.7f, 0f, 1f);
        assertThatThrownBy(() -> CsvManifestSource.load(ManifestOptions.defaults().withPath("soft.csv"), tmp))
                .hasMessageStartingWith(tmp.resolve("soft.csv") + " line 2: label 'label': 0.7 is neither 0 nor 1");
    }

    @Test
    void missingImageMessageGivesTheResolvedPath() throws Exception {
        Files.writeString(tmp.resolve("m.csv"), "image,label\nsub/q.png,1\n");
        assertThatThrownBy(() -> CsvManifestSource.load(ManifestOptions.defaults().withPath("m.csv"), tmp))
                .hasMessage(tmp.resolve("m.csv") + " line 2: image 'sub/q.png' not found (resolved to "
                        + tmp.resolve("sub/q.png") + ")");
    }

    @Test
    void missingColumnsAndFilesAreReportedOnTheHeaderLine() throws Exception {
        Files.writeString(tmp.resolve("m.csv"), "picture,label\na.png,1\n");
        assertThatThrownBy(() -> CsvManifestSource.load(ManifestOptions.defaults().withPath("m.csv"), tmp))
                .hasMessage(tmp.resolve("m.csv") + " line 1: no image column 'image' (columns: picture, label)");
        assertThatThrownBy(() -> CsvManifestSource.load(ManifestOptions.defaults().withPath("none.csv"), tmp))
                .isInstanceOf(DataException.class).hasMessageContaining("none.csv: cannot read manifest");
        assertThatThrownBy(() -> CsvManifestSource.load(ManifestOptions.defaults(), tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("manifest.path:");
    }

    @Test
    void quotedMultiLineCellsKeepLineNumbersRight() throws Exception {
        Files.writeString(tmp.resolve("m.csv"), "id,image,label\n\"multi\nline id\",a.png,1\nb,a.png,x\n");
        assertThatThrownBy(() -> CsvManifestSource.load(ManifestOptions.defaults().withPath("m.csv"), tmp))
                .hasMessageStartingWith(tmp.resolve("m.csv") + " line 4: ");
    }

    @Test
    void multiClassOneHotColumnsMustHaveExactlyOneOne() throws Exception {
        Files.writeString(tmp.resolve("m.csv"), "image,a,b\na.png,1,0\na.png,1,1\n");
        ManifestOptions o = ManifestOptions.of("m.csv", null, List.of("a", "b"), "multi_class");
        assertThatThrownBy(() -> CsvManifestSource.load(o, tmp))
                .hasMessageStartingWith(tmp.resolve("m.csv") + " line 3: multi-class labels must have exactly one 1");
        assertThatThrownBy(() -> ManifestOptions.of("m.csv", null, List.of("a", "b"), "binary"))
                .hasMessageStartingWith("labelColumns:");
        assertThatThrownBy(() -> ManifestOptions.of("m.csv", null, null, "multi"))
                .hasMessage("task: unknown 'multi' (allowed: auto, binary, multi_label, multi_class)");
    }
}
