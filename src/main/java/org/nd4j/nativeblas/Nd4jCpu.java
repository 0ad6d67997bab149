package org.nd4j.nativeblas;

/** Shim: DL4J M2.1's BaseMKLDNNHelper looks up this pre-M2.1 location of the CPU environment binding. */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** Delegates to the binding's new home. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded natives were built with oneDNN (answered by xai4j's engine check). */
        public boolean isUseMKLDNN() {
            return org.xai4j.engine.Engine.oneDnnNativesLoaded();
        }
    }
}
