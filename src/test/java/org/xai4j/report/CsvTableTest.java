package org.xai4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAwkwardCellsThroughCommonsCsv() throws Exception {
        Path file = dir.resolve("tables/t.csv");
        CsvTable.write(file, List.of("name", "auc", "note"), List.of(
                Arrays.asList("tumor, left", 0.875, "says \"hi\"\nthen leaves"),
                Arrays.asList("ms", Double.NaN, null)));
        try (Reader reader = Files.newBufferedReader(file)) {
            List<CSVRecord> records = CSVFormat.RFC4180.parse(reader).getRecords();
            assertThat(records).hasSize(3);
            assertThat(records.get(1).toList()).containsExactly("tumor, left", "0.875", "says \"hi\"\nthen leaves");
            assertThat(records.get(2).toList()).containsExactly("ms", "NaN", "");
        }
        CsvTable back = CsvTable.read(file);
        assertThat(back.header()).containsExactly("name", "auc", "note");
        assertThat(back.rows().get(0)).containsExactly("tumor, left", "0.875", "says \"hi\"\nthen leaves");
        assertThat(Double.parseDouble(back.rows().get(1).get(1))).isNaN();
    }

    @Test
    void refusesRowsOfTheWrongLength() {
        assertThatThrownBy(() -> CsvTable.of(List.of("a", "b"), List.of(List.of(1))))
                .hasMessage("row 0 has 1 cells, the header 2");
    }

    @Test
    void metricsLogKeepsColumnOrderAndRewritesWholeRows() throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsCsv log = new MetricsCsv(file, List.of("epoch", "loss", "val_auc"));
        assertThat(Files.readString(file)).isEqualTo("epoch,loss,val_auc\n");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("val_auc", 0.5);
        row.put("epoch", 1);
        row.put("loss", 0.25);
        log.append(row);
        log.append(Map.of("epoch", 2, "loss", 0.125));
        assertThat(Files.readString(file)).isEqualTo("epoch,loss,val_auc\n1,0.25,0.5\n2,0.125,\n");
        assertThatThrownBy(() -> log.append(Map.of("epoch", 3, "acc", 1)))
                .hasMessage("unknown column 'acc' (columns: epoch, loss, val_auc)");
        assertThat(log.size()).isEqualTo(2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void resumeContinuesAMatchingLogAndRefusesOtherColumns() throws Exception {
        Path file = dir.resolve("metrics.csv");
        new MetricsCsv(file, List.of("epoch", "loss")).append(Map.of("epoch", 1, "loss", 0.5));
        MetricsCsv resumed = MetricsCsv.resume(file, List.of("epoch", "loss"));
        resumed.append(Map.of("epoch", 2, "loss", 0.25));
        assertThat(Files.readString(file)).isEqualTo("epoch,loss\n1,0.5\n2,0.25\n");
        assertThatThrownBy(() -> MetricsCsv.resume(file, List.of("epoch", "acc")))
                .hasMessage(file + " has columns [epoch, loss], expected [epoch, acc]");
        new MetricsCsv(file, List.of("epoch", "loss"));
        assertThat(Files.readString(file)).isEqualTo("epoch,loss\n");
    }
}
