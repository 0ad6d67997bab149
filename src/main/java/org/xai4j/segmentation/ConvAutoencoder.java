package org.xai4j.segmentation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.model.InputShape;
import org.xai4j.util.AtomicFiles;

/**
 * The reconstruction baseline's network: a small convolutional autoencoder with a spatial bottleneck, of the kind
 * compared by Baur et al. ("Autoencoders for unsupervised anomaly segmentation in brain MR images: a comparative
 * study", Medical Image Analysis 69, 2021) and beaten by the attribution maps of Wargnier-Dauchelle et al. (IEEE TMI
 * 2023). Encoder: three 3x3 stride-2 convolutions (width, 2 width, 4 width; leaky ReLU) and a 1x1 convolution to
 * the H/8 x W/8 x bottleneck code; decoder: three nearest-neighbour 2x upsamplings, each followed by a 3x3
 * convolution (2 width, width, then the input channels with a sigmoid: pixels lie in [0, 1]); mean squared error.
 * Nothing but the last convolution runs at full resolution, which keeps training cheap (15 epochs on 152 images of
 * 64x64 took 54 s on 2 shared cores). Trained with DL4J's own {@code fit} on healthy images only
 * ({@link AutoencoderTraining}); its residual {@code |x - AE(x)|} is the anomaly map ({@link ReconstructionMaps}).
 *
 * <p>Saved as one zip holding the DL4J model and the input shape and options (JSON), written atomically.
 */
public final class ConvAutoencoder {
    private static final String MODEL = "model.zip";
    private static final String INFO = "autoencoder.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ComputationGraph graph;
    private final Info info;

    /**
     * What is stored with the network.
     *
     * @param shape         input shape it was built for
     * @param options       how it was built and trained
     * @param healthyImages number of healthy images it was trained on (0 before training)
     * @param mseBefore     per-pixel reconstruction MSE of those images before training
     * @param mseAfter      the same after training
     */
    public record Info(InputShape shape, AutoencoderOptions options, int healthyImages, double mseBefore,
                       double mseAfter) {
    }

    private ConvAutoencoder(ComputationGraph graph, Info info) {
        this.graph = graph;
        this.info = info;
    }

    /** A freshly initialised autoencoder for images of {@code shape} (height and width divisible by 8). */
    public static ConvAutoencoder build(InputShape shape, AutoencoderOptions options) {
        if (shape.height() % 8 != 0 || shape.width() % 8 != 0) {
            throw new IllegalArgumentException("autoencoder: image height and width must be divisible by 8, got "
                    + shape);
        }
        int w = options.width();
        var leaky = new ActivationLReLU(0.1);
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(options.seed())
                .dataType(DataType.FLOAT).updater(new Adam(options.lr())).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()));
        String x = "input";
        int[] widths = {w, 2 * w, 4 * w};
        for (int i = 0; i < 3; i++) {
            String name = "enc" + (i + 1);
            g.addLayer(name, new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(widths[i]).activation(leaky).build(),
                    x);
            x = name;
        }
        g.addLayer("code", new ConvolutionLayer.Builder(1, 1).nOut(options.bottleneck()).activation(leaky).build(), x);
        x = "code";
        int[] decoder = {2 * w, w};
        for (int i = 0; i < decoder.length; i++) {
            g.addLayer("up" + (i + 1), new Upsampling2D.Builder(2).build(), x);
            g.addLayer("dec" + (i + 1), new ConvolutionLayer.Builder(3, 3).nOut(decoder[i]).activation(leaky).build(),
                    "up" + (i + 1));
            x = "dec" + (i + 1);
        }
        g.addLayer("up3", new Upsampling2D.Builder(2).build(), x);
        g.addLayer("reconstruction", new ConvolutionLayer.Builder(3, 3).nOut(shape.channels())
                .activation(Activation.SIGMOID).build(), "up3");
        g.addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .build(), "reconstruction");
        g.setOutputs("loss");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return new ConvAutoencoder(graph, new Info(shape, options, 0, Double.NaN, Double.NaN));
    }

    /** The DL4J graph (input {@code input}, output {@code loss}: the reconstruction). */
    public ComputationGraph graph() {
        return graph;
    }

    public Info info() {
        return info;
    }

    public InputShape shape() {
        return info.shape();
    }

    /** The same network with updated training facts. */
    ConvAutoencoder withInfo(Info newInfo) {
        return new ConvAutoencoder(graph, newInfo);
    }

    /** Reconstructions of a batch (N x C x H x W in [0, 1]), inference mode. */
    public INDArray reconstruct(INDArray x) {
        checkShape(x);
        return graph.output(false, x.castTo(DataType.FLOAT))[0].dup();
    }

    /** Per-pixel residual maps {@code sum_c |x - AE(x)|}, N maps of H x W. */
    public List<float[]> residuals(INDArray x) {
        INDArray r = Transforms.abs(reconstruct(x).subi(x.castTo(DataType.FLOAT)), false);
        return AttributionMaps.channelSums(r);
    }

    /** Mean over pixels, channels and images of {@code (x - AE(x))^2}. */
    public double meanSquaredError(INDArray x) {
        INDArray d = reconstruct(x).subi(x.castTo(DataType.FLOAT));
        return d.muli(d).meanNumber().doubleValue();
    }

    private void checkShape(INDArray x) {
        InputShape s = info.shape();
        if (x.rank() != 4 || x.size(1) != s.channels() || x.size(2) != s.height() || x.size(3) != s.width()) {
            throw new IllegalArgumentException("autoencoder: built for images of " + s + ", got "
                    + Arrays.toString(x.shape()));
        }
    }

    /** Writes the network and its {@link Info} to {@code file} (temporary file, then rename). */
    public void save(Path file) {
        AtomicFiles.write(file, out -> {
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            ModelSerializer.writeModel(graph, model, false);
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MODEL));
            zip.write(model.toByteArray());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(INFO));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info));
            zip.closeEntry();
            zip.finish();
        });
    }

    /** Reads an autoencoder written by {@link #save}; failures name the file. */
    public static ConvAutoencoder load(Path file) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("autoencoder checkpoint " + file + " not found");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read autoencoder checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (!entries.containsKey(MODEL) || !entries.containsKey(INFO)) {
            throw new IllegalArgumentException(file + " is not an xai4j autoencoder checkpoint (needs " + MODEL
                    + " and " + INFO + ")");
        }
        try (InputStream in = new ByteArrayInputStream(entries.get(MODEL))) {
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(in, false);
            return new ConvAutoencoder(graph, JSON.readValue(entries.get(INFO), Info.class));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read autoencoder checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
