package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CheXpert read from fixture CSVs with the public header and generated JPEGs laid out as the download is. */
class CheXpertSourceTest {
    static final String HEADER = "Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,"
            + "Cardiomegaly,Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,"
            + "Pleural Effusion,Pleural Other,Fracture,Support Devices";

    /** 10 train patients (a frontal and a lateral view each) and 2 valid patients; the labels vary by patient. */
    static Path fixture(Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("CheXpert-v1.0-small"));
        List<String> train = new ArrayList<>(List.of(HEADER));
        List<String> valid = new ArrayList<>(List.of(HEADER));
        for (int p = 1; p <= 12; p++) {
            boolean isValid = p > 10;
            for (String view : List.of("frontal", "lateral")) {
                String rel = String.format("CheXpert-v1.0-small/%s/patient%05d/study1/view%d_%s.jpg",
                        isValid ? "valid" : "train", p, view.equals("frontal") ? 1 : 2, view);
                Path file = root.resolve(rel);
                Files.createDirectories(file.getParent());
                BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
                ImageIO.write(img, "jpg", file.toFile());
                // Cardiomegaly: 1, 0, -1, blank in turn; Edema: -1 for every patient; Atelectasis: -1 on odd ones
                String cardio = List.of("1.0", "0.0", "-1.0", "").get(p % 4);
                String atelectasis = p % 2 == 1 ? "-1.0" : "1.0";
                String row = rel + ",Female,68," + (view.equals("frontal") ? "Frontal,AP" : "Lateral,")
                        + ",,," + cardio + ",,,-1.0,,," + atelectasis + ",,0.0,,,1.0";
                (isValid ? valid : train).add(row);
            }
        }
        Files.write(folder.resolve(CheXpertSource.TRAIN), train);
        Files.write(folder.resolve(CheXpertSource.VALID), valid);
        return folder;
    }

    static SampleSet load(Path folder, Object labels, Map<String, String> perLabel, Boolean frontalOnly) {
        return new CheXpertSource(new CheXpertOptions(folder.toString(), 16, labels, null, perLabel, frontalOnly, 0.3,
                1L, null), folder).load();
    }

    @Test
    void readsTheCsvsWithTheUncertaintyPoliciesAndSplitsByPatient(@TempDir Path dir) throws IOException {
        Path folder = fixture(dir);
        SampleSet set = load(folder, "competition", Map.of("Atelectasis", "ones"), null);
        assertThat(set.labelNames()).isEqualTo(CheXpertOptions.COMPETITION);
        assertThat(set.samples()).hasSize(12).allMatch(s -> s.id().contains("frontal"));
        assertThat(set.split(Split.TEST)).hasSize(2).allMatch(s -> s.id().contains("/valid/"));
        Set<String> trainPatients = set.split(Split.TRAIN).stream().map(s -> s.id().split("/")[2])
                .collect(Collectors.toSet());
        Set<String> valPatients = set.split(Split.VAL).stream().map(s -> s.id().split("/")[2])
                .collect(Collectors.toSet());
        assertThat(valPatients).isNotEmpty().doesNotContainAnyElementsOf(trainPatients);
        Map<String, float[]> y = set.samples().stream().collect(Collectors.toMap(s -> s.id().split("/")[2],
                Sample::labels));
        int cardio = CheXpertOptions.COMPETITION.indexOf("Cardiomegaly");
        int edema = CheXpertOptions.COMPETITION.indexOf("Edema");
        int atelectasis = CheXpertOptions.COMPETITION.indexOf("Atelectasis");
        // Cardiomegaly of patients 1-4: 0, -1, blank, 1
        assertThat(y.get("patient00001")[cardio]).as("0").isEqualTo(0f);
        assertThat(y.get("patient00002")[cardio]).as("-1, U-Zeros").isEqualTo(0f);
        assertThat(y.get("patient00003")[cardio]).as("blank").isEqualTo(0f);
        assertThat(y.get("patient00004")[cardio]).as("1").isEqualTo(1f);
        SampleSet ones = load(folder, "competition", Map.of("Cardiomegaly", "ones"), null);
        assertThat(ones.samples().stream().filter(s -> s.id().contains("patient00002/")).findFirst().orElseThrow()
                .labels()[cardio]).as("-1, U-Ones").isEqualTo(1f);
        assertThat(y.get("patient00001")[edema]).as("-1, U-Zeros by default").isEqualTo(0f);
        assertThat(y.get("patient00001")[atelectasis]).as("-1, U-Ones for this label").isEqualTo(1f);
        assertThat(load(folder, null, Map.of(), false).samples()).as("lateral views kept").hasSize(24);
        assertThat(load(folder, null, Map.of(), null).labelNames()).hasSize(14);
    }

    /** U-Ignore end to end: the uncertain labels are NaN, and a run trains and is evaluated on them. */
    @Test
    void uncertainLabelsIgnoredAreNanAndARunTrainsOnThem(@TempDir Path dir) throws IOException {
        Path folder = fixture(dir);
        SampleSet set = new CheXpertSource(new CheXpertOptions(folder.toString(), 32, "competition", "ignore", null,
                null, 0.3, 1L, null), folder).load();
        int edema = CheXpertOptions.COMPETITION.indexOf("Edema");
        assertThat(set.samples()).allMatch(s -> Float.isNaN(s.labels()[edema]));
        org.xai4j.config.RunConfig config = org.xai4j.testing.TinyRuns.config(1, "data.source=chexpert",
                "data.chexpert.folder=" + folder, "data.chexpert.size=32", "data.chexpert.labels=competition",
                "data.chexpert.uncertain=ignore", "data.chexpert.valFraction=0.3", "train.ui=false");
        org.xai4j.train.TrainingRun.Outcome run = new org.xai4j.train.TrainingRun(config, dir.resolve("runs"), "cx",
                null, new java.io.PrintStream(java.io.PrintStream.nullOutputStream())).execute();
        org.xai4j.report.CsvTable metrics = org.xai4j.report.CsvTable.read(run.folder().resolve("metrics.csv"));
        assertThat(Double.parseDouble(metrics.rows().get(0).get(metrics.header().indexOf("train_loss"))))
                .as("a finite loss with the NaN labels masked").isFinite();
        assertThat(run.test().images()).isEqualTo(2);
    }

    /** The shipped CheXpert-style default: DenseNet-121, the five competition labels, U-Ones where the paper chose it. */
    @Test
    void theShippedConfigReadsTheDownloadAsItShips(@TempDir Path dir) throws IOException {
        Path folder = fixture(dir);
        org.xai4j.config.RunConfig config = org.xai4j.config.ConfigLoader.load(Path.of("configs/chexpert.yaml"),
                org.xai4j.config.RunConfig.class, List.of("data.chexpert.folder=" + folder, "data.chexpert.size=16"));
        assertThat(config.model().architecture()).isEqualTo("densenet121");
        SampleSet set = DataSources.load(config.data(), dir);
        assertThat(set.labelNames()).isEqualTo(CheXpertOptions.COMPETITION);
        assertThat(set.task()).isEqualTo(LabelTask.MULTI_LABEL);
        assertThat(set.samples()).allMatch(s -> s.id().contains("frontal"));
        int edema = CheXpertOptions.COMPETITION.indexOf("Edema");
        int cardio = CheXpertOptions.COMPETITION.indexOf("Cardiomegaly");
        Sample p2 = set.samples().stream().filter(s -> s.id().contains("patient00002/")).findFirst().orElseThrow();
        assertThat(p2.labels()[edema]).as("-1 Edema, U-Ones").isEqualTo(1f);
        assertThat(p2.labels()[cardio]).as("-1 Cardiomegaly, U-Zeros").isEqualTo(0f);
    }

    @Test
    void whatCannotBeReadIsNamed(@TempDir Path dir) throws IOException {
        Path folder = fixture(dir);
        Path train = folder.resolve(CheXpertSource.TRAIN);
        List<String> good = Files.readAllLines(train);
        Files.write(train, List.of(HEADER.replace(",Edema,", ",Oedema,"), good.get(1)));
        assertThatThrownBy(() -> load(folder, null, Map.of(), null)).isInstanceOf(DataException.class)
                .hasMessageContaining(CheXpertSource.TRAIN).hasMessageContaining("'Edema'");
        Files.write(train, List.of(HEADER, good.get(1), good.get(3).replace(",-1.0,", ",2,")));
        assertThatThrownBy(() -> load(folder, null, Map.of(), null)).hasMessageContaining("line 3")
                .hasMessageContaining("expected 1, 0, -1 or blank");
        Files.write(train, List.of(HEADER, good.get(1).replace(",Frontal,", ",Side,")));
        assertThatThrownBy(() -> load(folder, null, Map.of(), null)).hasMessageContaining("line 2")
                .hasMessageContaining("'Frontal/Lateral'");
        Files.write(train, List.of(HEADER, good.get(1).replace("patient00001", "patient99999")));
        assertThatThrownBy(() -> load(folder, null, Map.of(), null)).hasMessageContaining("patient99999")
                .hasMessageContaining("image not found");
        assertThatThrownBy(() -> new CheXpertOptions("x", null, "competitive", null, null, null, null, null, null))
                .hasMessageContaining("labels");
        assertThatThrownBy(() -> new CheXpertOptions("x", null, null, "u-ignore", null, null, null, null, null))
                .hasMessageContaining("uncertain");
    }
}
