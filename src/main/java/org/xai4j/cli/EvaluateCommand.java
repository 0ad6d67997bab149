package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.adversarial.AttackMethod;
import org.xai4j.adversarial.AttackOptions;
import org.xai4j.adversarial.EpsilonScale;
import org.xai4j.adversarial.Norm;
import org.xai4j.data.Split;
import org.xai4j.robustness.RobustEvaluation;
import org.xai4j.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xai4j evaluate}: ROC AUC, accuracy and F1 at the Youden threshold, ROC plot and per-image scores; with
 * {@code --attack}, clean and robust AUC/accuracy over a list of epsilons instead.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a run's checkpoint on a split; writes <run>/eval-<split>/ (metrics.csv, scores.csv, "
                + "roc.png), or with --attack <run>/eval-<split>-<attack>-<norm>/ (robustness.csv, robustness.png); "
                + "for a checkpoint other than best, -<checkpoint> is appended to the folder name.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder, e.g. checkpoints/quickstart")
    Path run;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--checkpoint", defaultValue = "best",
            description = "best, last or epoch-N (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Option(names = "--attack", paramLabel = "METHOD",
            description = "robust evaluation with this attack: pgd or fgsm (inference mode, the run's loss)")
    String attack;

    @Option(names = "--norm", paramLabel = "NORM", description = "l2 (default) or linf")
    String norm;

    @Option(names = "--eps", split = ",", paramLabel = "EPS",
            description = "epsilons, e.g. 0,1,2,4,8 (default: 0,1,2,4,8 for l2 per 50000 pixels, "
                    + "0,0.001,0.002,0.005,0.01 for linf)")
    List<Double> eps;

    @Option(names = "--eps-scale", paramLabel = "SCALE",
            description = "pixels (l2 default: eps per --reference-pixels pixels, scaled to the image size) or absolute")
    String epsScale;

    @Option(names = "--reference-pixels", description = "pixels an eps is given for with --eps-scale pixels (default 50000)")
    Integer referencePixels;

    @Option(names = "--steps", description = "PGD steps (default 7)")
    Integer steps;

    @Option(names = "--relative-step", description = "PGD step size as a fraction of eps (default 0.2)")
    Double relativeStep;

    @Option(names = "--restarts", description = "PGD restarts (default 1)")
    Integer restarts;

    @Option(names = "--targeted", description = "push every image towards the other label instead")
    boolean targeted;

    @Option(names = "--no-random-start", description = "start PGD at the clean image")
    boolean noRandomStart;

    @Option(names = "--no-keep-best", description = "report PGD's last iterate instead of each image's worst one")
    boolean noKeepBest;

    @Override
    public Integer call() {
        if (attack == null) {
            System.out.println(Evaluation.ofRun(run, checkpoint, Split.parse(split)).describe());
            return 0;
        }
        AttackOptions o = new AttackOptions(parse("--attack", attack, AttackMethod.values()),
                norm == null ? null : parse("--norm", norm, Norm.values()), null,
                epsScale == null ? null : parse("--eps-scale", epsScale, EpsilonScale.values()), referencePixels, steps,
                relativeStep, noRandomStart ? Boolean.FALSE : null, restarts, targeted, !noKeepBest, null);
        List<Double> epsilons = eps != null ? eps : o.norm() == Norm.L2 ? List.of(0.0, 1.0, 2.0, 4.0, 8.0)
                : List.of(0.0, 0.001, 0.002, 0.005, 0.01);
        for (double e : epsilons) {
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new IllegalArgumentException("--eps: every epsilon must be finite and >= 0, got " + e);
            }
        }
        System.out.println(RobustEvaluation.ofRun(run, checkpoint, Split.parse(split), o, epsilons).describe());
        return 0;
    }

    private static <E extends Enum<E>> E parse(String option, String value, E[] allowed) {
        for (E e : allowed) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + ": unknown '" + value + "' (allowed: " + String.join(", ",
                java.util.Arrays.stream(allowed).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()) + ")");
    }
}
