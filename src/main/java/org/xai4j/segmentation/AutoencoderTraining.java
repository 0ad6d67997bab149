package org.xai4j.segmentation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.data.Batch;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.Sample;
import org.xai4j.model.InputShape;

/**
 * Trains the reconstruction baseline on <b>healthy images only</b> (Baur et al., Medical Image Analysis 2021): the
 * non-pathological samples of the list given, raw pixels in [0, 1] (no normalisation, no augmentation), shuffled per
 * epoch from the seed, one DL4J {@code fit} per mini-batch with the input as its own target. Not the classifier's
 * loop: the loss is a reconstruction loss, not a logit loss, so DL4J's own loop is used as it is.
 */
public final class AutoencoderTraining {
    private AutoencoderTraining() {
    }

    /**
     * @param samples any samples; only the healthy ones are used
     * @param log     one line per epoch (null for none)
     */
    public static AutoencoderFit train(List<Sample> samples, AutoencoderOptions options, PrintStream log) {
        List<Sample> healthy = healthy(samples);
        if (healthy.isEmpty()) {
            throw new IllegalArgumentException("autoencoder: no healthy training image among the " + samples.size()
                    + " given");
        }
        Sample first = healthy.get(0);
        InputShape shape = new InputShape(first.channels(), first.depth(), first.height(), first.width());
        Nd4j.getRandom().setSeed(options.seed());
        ConvAutoencoder ae = ConvAutoencoder.build(shape, options);
        double before = meanSquaredError(ae, healthy, options.batchSize());
        BatchIterator batches = BatchIterator.of(healthy, options.batchSize()).withShuffle(options.seed());
        LinkedHashSet<String> fed = new LinkedHashSet<>();
        List<Double> losses = new ArrayList<>();
        double pixels = shape.pixels();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            double sum = 0;
            long n = 0;
            for (Batch b : batches.epoch(epoch)) {
                fed.addAll(b.ids());
                ae.graph().fit(new DataSet(b.features(), b.features()));
                // CnnLossLayer's score: per image, the sum over pixels of the channel-mean squared error
                sum += ae.graph().score() / pixels * b.size();
                n += b.size();
            }
            losses.add(sum / n);
            if (log != null) {
                log.printf(Locale.ROOT, "autoencoder epoch %d/%d: training MSE %.5f%n", epoch + 1, options.epochs(),
                        sum / n);
            }
        }
        double after = meanSquaredError(ae, healthy, options.batchSize());
        ConvAutoencoder trained = ae.withInfo(new ConvAutoencoder.Info(shape, options, healthy.size(), before, after));
        return new AutoencoderFit(trained, losses, List.copyOf(fed));
    }

    /** The samples without any positive label, in order. */
    public static List<Sample> healthy(List<Sample> samples) {
        return samples.stream().filter(s -> !s.isPathological()).toList();
    }

    /** Per-pixel reconstruction MSE over {@code samples}, inference mode. */
    public static double meanSquaredError(ConvAutoencoder ae, List<Sample> samples, int batchSize) {
        double sum = 0;
        long n = 0;
        for (Batch b : BatchIterator.of(samples, batchSize).epoch(0)) {
            sum += ae.meanSquaredError(b.features()) * b.size();
            n += b.size();
        }
        return sum / n;
    }
}
