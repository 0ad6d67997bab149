package org.xai4j.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The CPU engine of DL4J layers. DL4J decides when a layer is <i>created</i> whether it gets a platform helper:
 * {@code HelperUtils.createHelper} returns none while the system property {@value #HELPERS_DISABLE_PROPERTY} is
 * {@code true} (DL4J M2.1's default), and a oneDNN helper's {@code checkSupported()} needs ND4J natives built with
 * oneDNN plus the {@code org.nd4j.nativeblas.Nd4jCpu} shim of this project (M2.1 looks up a class that moved).
 * So the engine of a graph is fixed when it is built: {@link #during} sets the property around the creation
 * (the benchmark interleaves engines this way), {@link #activate} sets it for the whole process
 * ({@code xai4j --engine builtin ...}), {@link #applyDefault} picks oneDNN when its natives are loaded (the
 * default build; Java API users set the two system properties of docs/performance.md themselves).
 */
public enum Engine {
    /** DL4J's own layer implementations (convolution as im2col + gemm); DL4J's default. */
    BUILTIN,
    /** DL4J's oneDNN helpers on convolution, batch-normalisation, pooling and LRN layers; xai4j's default. */
    ONEDNN;

    /** DL4J's switch for all platform helpers (cuDNN, oneDNN); {@code true} by default in M2.1. */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private static final Object LOCK = new Object();

    /** Lower-case name used on the command line and in tables. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Engine by {@link #id()}; an {@link IllegalArgumentException} naming the allowed values otherwise. */
    public static Engine parse(String id) {
        for (Engine e : values()) {
            if (e.id().equals(id == null ? null : id.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("engine: unknown engine '" + id + "' (allowed: "
                + String.join(", ", Arrays.stream(values()).map(Engine::id).toList()) + ")");
    }

    /** The engine that graphs created now get, from {@value #HELPERS_DISABLE_PROPERTY}. */
    public static Engine current() {
        String v = System.getProperty(HELPERS_DISABLE_PROPERTY, "true");
        return Boolean.parseBoolean(v) ? BUILTIN : ONEDNN;
    }

    /** Whether the loaded ND4J natives contain oneDNN (the {@code -onednn*} classifiers of nd4j-native). */
    public static boolean oneDnnNativesLoaded() {
        Nd4j.create(1); // loads the backend
        String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        return info != null && (info.contains("ONEDNN") || info.contains("MKLDNN"));
    }

    /**
     * Checks that graphs created with this engine can use it.
     *
     * @throws IllegalArgumentException for {@link #ONEDNN} without oneDNN natives or when DL4J's helper check fails
     */
    public void requireAvailable() {
        if (this == BUILTIN) {
            return;
        }
        if (!oneDnnNativesLoaded()) {
            throw new IllegalArgumentException("engine onednn: the loaded ND4J natives have no oneDNN; use the "
                    + "default build (mvn clean package, not the Maven profile builtin), which puts nd4j-native's -onednn "
                    + "classifier on the class path (docs/performance.md)");
        }
        if (!Nd4j.getEnvironment().helpersAllowed() || !BaseMKLDNNHelper.mklDnnEnabled()) {
            throw new IllegalArgumentException("engine onednn: oneDNN natives are loaded but DL4J reports its oneDNN "
                    + "helpers as unsupported (helpersAllowed=" + Nd4j.getEnvironment().helpersAllowed()
                    + "; is the org.nd4j.nativeblas.Nd4jCpu shim on the class path?)");
        }
    }

    /**
     * The process default, applied by the command line before it runs a command: {@link #ONEDNN} when the natives
     * chosen are a oneDNN build (the default build's, see {@link OneDnnNatives}) and nobody set
     * {@value #HELPERS_DISABLE_PROPERTY}; otherwise nothing changes (DL4J's default: {@link #BUILTIN}).
     *
     * @return the engine graphs created from now on get
     */
    public static Engine applyDefault() {
        if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null
                && System.getProperty(OneDnnNatives.EXTENSION_PROPERTY, "").contains("onednn")) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
        return current();
    }

    /** Makes every graph created from now on in this process use this engine. */
    public void activate() {
        requireAvailable();
        System.setProperty(HELPERS_DISABLE_PROPERTY, Boolean.toString(this == BUILTIN));
    }

    /**
     * Runs {@code work} with this engine for every layer created meanwhile, then restores the previous setting.
     * Layers created earlier keep theirs, so graphs of both engines can be timed side by side in one process.
     */
    public <T> T during(Supplier<T> work) {
        requireAvailable();
        synchronized (LOCK) {
            String before = System.getProperty(HELPERS_DISABLE_PROPERTY);
            System.setProperty(HELPERS_DISABLE_PROPERTY, Boolean.toString(this == BUILTIN));
            try {
                return work.get();
            } finally {
                if (before == null) {
                    System.clearProperty(HELPERS_DISABLE_PROPERTY);
                } else {
                    System.setProperty(HELPERS_DISABLE_PROPERTY, before);
                }
            }
        }
    }

    /** {@link #during(Supplier)} for work without a result. */
    public void during(Runnable work) {
        during(() -> {
            work.run();
            return null;
        });
    }
}
