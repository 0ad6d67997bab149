package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.ClassActivationMap;
import org.xai4j.config.MethodOptionsFile;
import org.xai4j.attribution.Baseline;
import org.xai4j.attribution.ExpectedGradients;
import org.xai4j.attribution.IntegratedGradients;
import org.xai4j.attribution.NoiseTunnel;
import org.xai4j.attribution.Occlusion;
import org.xai4j.attribution.Quadrature;
import org.xai4j.data.Split;
import org.xai4j.explain.Explain;
import org.xai4j.explain.ExplainOptions;
import org.xai4j.report.SaliencyDisplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j explain}: attribution maps, their metrics and a report for a run's images. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a run's images with attribution methods; writes <run>/explain/ (report.html, grid.png, "
                + "overlays/, metrics.csv, summary.csv, sanity.csv).")
public final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder, e.g. checkpoints/quickstart")
    Path run;

    @Option(names = "--data", paramLabel = "FILE", description = "YAML file with a data: section (default: the run's)")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--limit", defaultValue = "16", description = "images to explain (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--images", split = ",", paramLabel = "ID", description = "ids of the images to explain")
    List<String> images;

    @Option(names = "--methods", split = ",", description = "attribution methods (default: "
            + "grad,ixg,ig,eg,smoothgrad,gradcam,gradcampp,occlusion,guidedbackprop)")
    List<String> methods;

    @Option(names = "--checkpoint", defaultValue = "best",
            description = "best, last or epoch-N (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: <run>/explain)")
    Path out;

    @Option(names = "--grid", defaultValue = "4", description = "images in grid.png (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--display", defaultValue = "margeloiu", description = "margeloiu or khakzar (default: ${DEFAULT-VALUE})")
    String display;

    @Option(names = "--target", defaultValue = "label", description = "label or predicted (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--steps", defaultValue = "50", description = "IG steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--quadrature", defaultValue = "gausslegendre",
            description = "riemann_left|right|middle|trapezoid or gausslegendre (default: ${DEFAULT-VALUE})")
    String quadrature;

    @Option(names = "--baseline", defaultValue = "zero", description = "IG baseline: zero, uniform, gaussian, blur "
            + "(default: ${DEFAULT-VALUE})")
    String baseline;

    @Option(names = "--samples", defaultValue = "25", description = "SmoothGrad/VarGrad/EG samples (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--sigma", defaultValue = "0.15", description = "SmoothGrad noise (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--tap", defaultValue = "last_conv", description = "CAM tap (default: ${DEFAULT-VALUE})")
    String tap;

    @Option(names = "--patch", defaultValue = "8", description = "occlusion window (default: ${DEFAULT-VALUE})")
    int patch;

    @Option(names = "--stride", defaultValue = "4", description = "occlusion stride (default: ${DEFAULT-VALUE})")
    int stride;

    @Option(names = "--internal-batch", defaultValue = "64", description = "rows per model pass (default: ${DEFAULT-VALUE})")
    int internalBatch;

    @Option(names = "--batch", defaultValue = "8", description = "images per attribution call (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--deletion-baseline", defaultValue = "zero", description = "insertion/deletion baseline: zero or "
            + "blur (default: ${DEFAULT-VALUE})")
    String deletionBaseline;

    @Option(names = "--insertion-step", defaultValue = "0", description = "pixels per insertion/deletion step, 0 = "
            + "image width (default: ${DEFAULT-VALUE})")
    int insertionStep;

    @Option(names = "--sanity", defaultValue = "4", description = "images for the randomisation check, 0 = skip "
            + "(default: ${DEFAULT-VALUE})")
    int sanity;

    @Option(names = "--method-options", paramLabel = "FILE", description = "YAML of per-method settings, one "
            + "section per method name (e.g. ig: {steps: 32, baseline: blur}); applied over the flags above")
    Path methodOptions;

    @Option(names = "--seed", defaultValue = "0", description = "seed of noise and sampling (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        AttributionOptions a = AttributionOptions.defaults()
                .with("ig", new IntegratedGradients.Options(steps, Quadrature.parse(quadrature),
                        Baseline.named(baseline, Double.NaN, seed), internalBatch))
                .with("eg", new ExpectedGradients.Options(samples, null, seed, internalBatch))
                .withAll(NoiseTunnel.Options.class, new NoiseTunnel.Options(samples, sigma, seed, internalBatch))
                .with("occlusion", new Occlusion.Options(patch, stride, 0.0, internalBatch))
                .withAll(ClassActivationMap.Options.class, new ClassActivationMap.Options(tap));
        if (methodOptions != null) {
            a = MethodOptionsFile.read(methodOptions, a);
        }
        ExplainOptions o = new ExplainOptions(run, data, Split.parse(split), limit, images, methods, checkpoint, out,
                grid, SaliencyDisplay.parse(display), target, a, deletionBaseline, insertionStep, sanity, batch);
        System.out.println(Explain.run(o, System.out).describe());
        return 0;
    }
}
