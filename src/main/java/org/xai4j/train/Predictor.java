package org.xai4j.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.xai4j.data.Batch;
import org.xai4j.metrics.Predictions;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;

/** Runs a model in inference mode over batches and collects its logits with the labels. */
public final class Predictor {
    private Predictor() {
    }

    public static Predictions predict(ModelAdapter adapter, Iterator<Batch> batches) {
        List<String> ids = new ArrayList<>();
        List<double[]> logits = new ArrayList<>();
        List<double[]> labels = new ArrayList<>();
        while (batches.hasNext()) {
            Batch b = batches.next();
            ids.addAll(b.ids());
            double[][] z = adapter.logits(b.features(), Mode.INFERENCE).toDoubleMatrix();
            double[][] y = b.labels().toDoubleMatrix();
            logits.addAll(List.of(z));
            labels.addAll(List.of(y));
        }
        return new Predictions(ids, logits.toArray(double[][]::new), labels.toArray(double[][]::new));
    }
}
