package org.xai4j.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.config.ConfigException;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.ConfigWriter;
import org.xai4j.config.RunConfig;
import org.xai4j.model.InputShape;

/** The {@code train.adversarial} section: defaults, epsilon scaling, validation messages, YAML round trip. */
class AdversarialOptionsTest {
    private static RunConfig load(String... overrides) {
        return ConfigLoader.fromDefaults(RunConfig.class, List.of(overrides));
    }

    @Test
    void defaultsAreOffAndTheL2RecipeOfMargeloiu() {
        AdversarialOptions o = load().train().adversarial();
        assertThat(o.mode()).isEqualTo(AdversarialMode.NONE);
        AttackOptions a = o.attack();
        assertThat(a.method()).isEqualTo(AttackMethod.PGD);
        assertThat(a.norm()).isEqualTo(Norm.L2);
        assertThat(a.steps()).isEqualTo(7);
        assertThat(a.relativeStep()).isEqualTo(0.2);
        // eps = 4 per 50,000 pixels: 0.32768 at 64 x 64, 5.24 at 256 x 256
        assertThat(a.radius(new InputShape(1, 64, 64))).isCloseTo(4 * 4096 / 50000.0, within(1e-15));
        assertThat(a.radius(new InputShape(3, 256, 256))).isCloseTo(4 * 65536 / 50000.0, within(1e-15));
        AttackOptions linf = load("train.adversarial.attack.norm=linf").train().adversarial().attack();
        assertThat(linf.epsilon()).isEqualTo(0.005);
        assertThat(linf.epsilonScale()).isEqualTo(EpsilonScale.ABSOLUTE);
        assertThat(linf.radius(new InputShape(1, 64, 64))).isEqualTo(0.005);
    }

    @Test
    void aResolvedConfigWithAdversarialTrainingReadsBackEqual() {
        RunConfig c = load("train.adversarial.mode=mixed", "train.adversarial.attack.method=fgsm",
                "train.adversarial.attack.norm=linf", "train.adversarial.warmStart.epochs=3",
                "train.adversarial.warmStart.patience=1", "train.finetune.from=x.ckpt",
                "train.finetune.freeze=[stem+stage1, stage2]");
        RunConfig again = ConfigLoader.fromYaml(ConfigWriter.toYaml(c), "resolved", RunConfig.class, List.of());
        assertThat(again).isEqualTo(c);
        assertThat(again.train().adversarial().fraction()).isEqualTo(0.5);
        assertThat(again.train().finetune().freeze()).containsExactly("stem+stage1", "stage2");
        RunConfig madry = load("train.adversarial.mode=madry");
        assertThat(ConfigLoader.fromYaml(ConfigWriter.toYaml(madry), "resolved", RunConfig.class, List.of()))
                .isEqualTo(madry);
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> load("train.adversarial.mode=madry", "train.adversarial.fraction=0.5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("train.adversarial.fraction")
                .hasMessageContaining("only used with mode mixed");
        assertThatThrownBy(() -> load("train.adversarial.mode=mixed", "train.adversarial.fraction=0"))
                .hasMessageContaining("must be in (0, 1]");
        assertThatThrownBy(() -> load("train.adversarial.attack.norm=linf",
                "train.adversarial.attack.epsilonScale=pixels")).hasMessageContaining("epsilonScale").hasMessageContaining("pixels applies to the l2 norm only");
        assertThatThrownBy(() -> load("train.adversarial.attack.norm=l3")).hasMessageContaining("norm");
        assertThatThrownBy(() -> load("train.adversarial.attack.steps=0")).hasMessageContaining("steps").hasMessageContaining("must be >= 1");
        assertThatThrownBy(() -> load("train.adversarial.attack.range=[1.0, 0.0]")).hasMessageContaining("range").hasMessageContaining("min < max");
        assertThatThrownBy(() -> load("train.adversarial.warmStart.epochs=2"))
                .hasMessageContaining("warmStart").hasMessageContaining("needs mode madry or mixed");
        assertThatThrownBy(() -> load("train.adversarial.mode=madry", "train.adversarial.warmStart.patience=2"))
                .hasMessageContaining("patience").hasMessageContaining("needs epochs > 0");
        assertThatThrownBy(() -> load("train.adversarial.attack.epsiln=2")).hasMessageContaining("epsiln");
        assertThatThrownBy(() -> load("train.finetune.freeze=[head]")).hasMessageContaining("freeze").hasMessageContaining("needs from");
    }

    @Test
    void descriptionsSayWhatRuns() {
        AttackOptions a = AttackOptions.defaults();
        assertThat(a.describe(new InputShape(1, 64, 64))).isEqualTo(
                "pgd-l2 eps 4.0 per 50000 px (0.3277), 7 steps of 0.200 eps, random start");
        assertThat(a.withEpsilon(2).epsilon()).isEqualTo(2.0);
        assertThat(TargetLabels.flipped(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{0, 1, 0}}), true)
                .toDoubleMatrix()[0]).containsExactly(0, 0, 1);
        assertThat(TargetLabels.flipped(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{0, 1}}), false)
                .toDoubleMatrix()[0]).containsExactly(1, 0);
    }
}
