package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.config.RunConfig;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;

/**
 * ChestX-ray14 read from fixture files with the public headers (Data_Entry_2017.csv, BBox_List_2017.csv with their
 * trailing empty columns, the two split lists) and generated 64x64 PNGs standing in for the 1024x1024 ones.
 */
class ChestXray14SourceTest {
    static final String ENTRY_HEADER = "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,"
            + "View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],";
    static final String BOX_HEADER = "Image Index,Finding Label,Bbox [x,y,w,h],,,";
    static final String[] FINDINGS = {"No Finding", "Cardiomegaly", "Effusion|Infiltration", "Mass", "No Finding",
            "Atelectasis|Effusion", "Nodule", "Hernia"};

    /** 8 patients x 3 images; patients 7 and 8 are the test split. Image left half bright, right half dark. */
    static Path fixture(Path dir) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        List<String> entries = new ArrayList<>(List.of(ENTRY_HEADER));
        List<String> trainVal = new ArrayList<>();
        List<String> test = new ArrayList<>();
        float[] px = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 32; x++) {
                px[y * 64 + x] = 1;
            }
        }
        for (int p = 1; p <= 8; p++) {
            for (int f = 0; f < 3; f++) {
                String name = String.format("%08d_%03d.png", p, f);
                ImageFiles.write8(images.resolve(name), px, 64, 64);
                String labels = FINDINGS[(p + f) % FINDINGS.length];
                entries.add(name + "," + labels + "," + f + "," + p + ",58,M,PA,64,64,0.143,0.143,");
                (p >= 7 ? test : trainVal).add(name);
            }
        }
        Files.write(dir.resolve(ChestXray14Source.ENTRIES), entries);
        Files.write(dir.resolve(ChestXray14Source.TRAIN_VAL), trainVal);
        Files.write(dir.resolve(ChestXray14Source.TEST), test);
        Files.write(dir.resolve(ChestXray14Source.BOXES), List.of(BOX_HEADER,
                "00000001_001.png,Cardiomegaly,8.0,16.0,20.0,10.0,,,",
                "00000007_000.png,Infiltrate,0,0,63.5,64,,,"));
        return dir;
    }

    static SampleSet load(Path dir, Double valFraction) {
        return new ChestXray14Source(new ChestXray14Options(dir.toString(), 32, valFraction, 3L, null, null), dir)
                .load();
    }

    @Test
    void readsTheFilesAsTheyShip(@TempDir Path dir) throws IOException {
        SampleSet set = load(fixture(dir), 0.3);
        assertThat(set.labelNames()).isEqualTo(ChestXray14Options.FINDINGS);
        assertThat(set.task()).isEqualTo(LabelTask.MULTI_LABEL);
        assertThat(set.samples()).hasSize(24);
        assertThat(set.split(Split.TEST)).hasSize(6).allMatch(s -> s.id().startsWith("00000007")
                || s.id().startsWith("00000008"));
        // validation is drawn by patient: no patient has images in both train and val
        Set<String> trainPatients = set.split(Split.TRAIN).stream().map(s -> s.id().substring(0, 8))
                .collect(Collectors.toSet());
        Set<String> valPatients = set.split(Split.VAL).stream().map(s -> s.id().substring(0, 8))
                .collect(Collectors.toSet());
        assertThat(valPatients).isNotEmpty().doesNotContainAnyElementsOf(trainPatients);
        assertThat(trainPatients).isNotEmpty();
        Map<String, Sample> byId = set.samples().stream().collect(Collectors.toMap(Sample::id, s -> s));
        float[] effusionInfiltration = byId.get("00000001_001.png").labels(); // FINDINGS[2]
        assertThat(effusionInfiltration[ChestXray14Options.FINDINGS.indexOf("Effusion")]).isEqualTo(1f);
        assertThat(effusionInfiltration[ChestXray14Options.FINDINGS.indexOf("Infiltration")]).isEqualTo(1f);
        float sum = 0;
        for (float v : byId.get("00000001_003.png".replace("3", "0")).labels()) {
            sum += v;
        }
        assertThat(byId.get("00000004_000.png").labels()).containsOnly(0f); // FINDINGS[4]: No Finding
        assertThat(sum).isEqualTo(1f); // 00000001_000: Cardiomegaly
        // boxes rescaled from 64 to 32 pixels; the list's "Infiltrate" is the entries' "Infiltration"
        assertThat(byId.get("00000001_001.png").boxes()).containsExactly(new BoundingBox(
                ChestXray14Options.FINDINGS.indexOf("Cardiomegaly"), 4, 8, 14, 13));
        assertThat(byId.get("00000007_000.png").boxes()).containsExactly(new BoundingBox(
                ChestXray14Options.FINDINGS.indexOf("Infiltration"), 0, 0, 32, 32));
        // 64 -> 32 by area averaging: the bright left half stays 1, the dark right half 0
        float[] p = byId.get("00000002_000.png").pixels();
        assertThat(p).hasSize(32 * 32);
        assertThat(p[5 * 32 + 3]).isEqualTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(p[5 * 32 + 28]).isEqualTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void aConfigPointsAtTheFolderAndTrains(@TempDir Path dir) throws IOException {
        fixture(dir.resolve("cxr14"));
        RunConfig config = TinyRuns.config(1, "data.source=chestxray14", "data.chestxray14.folder=" + dir.resolve("cxr14"),
                "data.chestxray14.size=32", "data.chestxray14.valFraction=0.3", "train.ui=false", "train.loss=bce");
        TrainingRun.Outcome run = new TrainingRun(config, dir.resolve("runs"), "cxr", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        assertThat(run.test().images()).isEqualTo(6);
        assertThatThrownBy(() -> TinyRuns.config(1, "data.source=chestxray14")).hasMessageContaining(
                "chestxray14.folder");
        assertThatThrownBy(() -> TinyRuns.config(1, "data.source=chestxray14", "data.chestxray14.folder=x",
                "data.chestxray14.labels=[Cardiomegaly, Pneumonitis]")).hasMessageContaining("Pneumonitis");
    }

    @Test
    void whatCannotBeReadIsNamedWithFileLineAndColumn(@TempDir Path dir) throws IOException {
        fixture(dir);
        Path entries = dir.resolve(ChestXray14Source.ENTRIES);
        List<String> good = Files.readAllLines(entries);

        Files.write(entries, replaced(good, 0, ENTRY_HEADER.replace("Patient ID", "Patient")));
        assertThatThrownBy(() -> load(dir, 0.3)).isInstanceOf(DataException.class)
                .hasMessageContaining(ChestXray14Source.ENTRIES).hasMessageContaining("line 1")
                .hasMessageContaining("'Patient ID'");

        Files.write(entries, replaced(good, 3, good.get(3).replace(",Mass,", ",Massive,")));
        assertThatThrownBy(() -> load(dir, 0.3)).hasMessageContaining("line 4")
                .hasMessageContaining("'Finding Labels'").hasMessageContaining("Massive");

        Files.write(entries, replaced(good, 2, good.get(2).replace(",64,64,", ",64,sixty,")));
        assertThatThrownBy(() -> load(dir, 0.3)).hasMessageContaining("line 3").hasMessageContaining("'Height]'");

        Files.write(entries, good);
        Files.writeString(dir.resolve(ChestXray14Source.TEST), "00000007_000.png\n99999999_000.png\n");
        assertThatThrownBy(() -> load(dir, 0.3)).hasMessageContaining(ChestXray14Source.TEST)
                .hasMessageContaining("line 2").hasMessageContaining("99999999_000.png");

        Files.writeString(dir.resolve(ChestXray14Source.TEST), "00000007_000.png\n");
        Files.delete(dir.resolve("images").resolve("00000007_000.png"));
        assertThatThrownBy(() -> load(dir, 0.3)).hasMessageContaining("00000007_000.png")
                .hasMessageContaining("image not found");

        Files.delete(dir.resolve(ChestXray14Source.TRAIN_VAL));
        assertThatThrownBy(() -> load(dir, 0.3)).hasMessageContaining(ChestXray14Source.TRAIN_VAL)
                .hasMessageContaining("file not found");
    }

    private static List<String> replaced(List<String> lines, int index, String line) {
        List<String> out = new ArrayList<>(lines);
        out.set(index, line);
        return out;
    }
}
