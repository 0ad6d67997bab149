package org.xai4j.engine;

import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;

/**
 * Picks ND4J's oneDNN natives when the build put them on the class path (the default build does). nd4j-native always
 * drags in its plain {@code linux-x86_64} natives as well, and javacpp loads those unless the system property
 * {@value #EXTENSION_PROPERTY} names the extension, so {@link #selectIfPresent()} sets it, once, before ND4J loads.
 */
public final class OneDnnNatives {
    /** javacpp's choice among native variants of one platform. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    private static final List<String> EXTENSIONS = List.of("-onednn-avx512", "-onednn-avx2", "-onednn");

    private OneDnnNatives() {
    }

    /**
     * Sets {@value #EXTENSION_PROPERTY} to the oneDNN variant found on the class path, unless the property is set
     * already. Must run before the first ND4J call (it has no effect afterwards).
     *
     * @return the extension chosen, empty when the property was set already or no oneDNN natives are present
     */
    public static Optional<String> selectIfPresent() {
        if (System.getProperty(EXTENSION_PROPERTY) != null) {
            return Optional.empty();
        }
        String platform = Loader.getPlatform();
        ClassLoader cl = OneDnnNatives.class.getClassLoader();
        for (String ext : EXTENSIONS) {
            if (cl.getResource(BINDINGS + platform + ext + "/") != null) {
                System.setProperty(EXTENSION_PROPERTY, ext);
                return Optional.of(ext);
            }
        }
        return Optional.empty();
    }
}
