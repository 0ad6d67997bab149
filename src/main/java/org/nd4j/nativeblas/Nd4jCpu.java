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

        public boolean isUseMKLDNN() {
            String info = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            return info != null && (info.contains("ONEDNN") || info.contains("MKLDNN"));
        }
    }
}
