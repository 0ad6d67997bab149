package org.xai4j.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Classifier;
import org.xai4j.model.InspectableGraph;
import org.xai4j.model.ModelDescription;
import org.xai4j.util.AtomicFiles;

/**
 * A saved model: one zip holding the DL4J model (configuration, parameters, updater state, via
 * {@link ModelSerializer}), the xai4j {@link ModelDescription} and the {@link TrainingState}. Written
 * atomically: a crash during a save leaves the previous checkpoint as it was.
 *
 * @param classifier the network (with its updater state, so training can resume)
 * @param state      where training stood when it was saved
 */
public record Checkpoint(Classifier classifier, TrainingState state) {
    private static final String MODEL = "model.zip";
    private static final String DESCRIPTION = "description.json";
    private static final String STATE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Writes this checkpoint to {@code file} (temporary file, then rename). */
    public void save(Path file) {
        AtomicFiles.write(file, out -> {
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            ModelSerializer.writeModel(classifier.graph(), model, true);
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, MODEL, model.toByteArray());
            put(zip, DESCRIPTION, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(classifier.description()));
            put(zip, STATE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            zip.finish();
        });
    }

    /** Reads a checkpoint; the message of any failure names the file. */
    public static Checkpoint load(Path file) {
        Map<String, byte[]> entries = entries(file, null);
        for (String name : new String[] {MODEL, DESCRIPTION, STATE}) {
            if (!entries.containsKey(name)) {
                throw new IllegalArgumentException("checkpoint " + file + " is not an xai4j checkpoint (no " + name + ")");
            }
        }
        try {
            ModelDescription description = JSON.readValue(entries.get(DESCRIPTION), ModelDescription.class);
            TrainingState state = JSON.readValue(entries.get(STATE), TrainingState.class);
            ComputationGraph restored;
            try (InputStream in = new ByteArrayInputStream(entries.get(MODEL))) {
                restored = ModelSerializer.restoreComputationGraph(in, true);
            }
            return new Checkpoint(new Classifier(transplant(restored), description), state);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is truncated or damaged (" + e.getMessage()
                    + "); use another checkpoint of the run (best, last) or retrain", e);
        }
    }

    /** Reads only the training state of a checkpoint (where it stood), without restoring the network. */
    public static TrainingState readState(Path file) {
        byte[] state = entries(file, STATE).get(STATE);
        if (state == null) {
            throw new IllegalArgumentException("checkpoint " + file + " is not an xai4j checkpoint (no " + STATE + ")");
        }
        try {
            return JSON.readValue(state, TrainingState.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The zip entries of {@code file} (only {@code only} when not null). A truncated or damaged file is an
     * {@link IllegalArgumentException} naming it, so the CLI reports it as bad input rather than a crash.
     */
    private static Map<String, byte[]> entries(Path file, String only) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (only == null || e.getName().equals(only)) {
                    entries.put(e.getName(), zip.readAllBytes());
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + file + " not found");
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is truncated or damaged (" + e.getMessage()
                    + "); use another checkpoint of the run (best, last) or retrain", e);
        }
        return entries;
    }

    /** Moves a restored graph's configuration, parameters and updater state into an {@link InspectableGraph}. */
    private static InspectableGraph transplant(ComputationGraph restored) {
        InspectableGraph graph = Classifier.newGraph(restored.getConfiguration().clone());
        graph.setParams(restored.params());
        if (restored.getUpdater() != null) {
            INDArray state = restored.getUpdater().getStateViewArray();
            INDArray target = graph.getUpdater().getStateViewArray();
            if (state != null && target != null) {
                target.assign(state);
            }
        }
        return graph;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
