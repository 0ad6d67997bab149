package org.xai4j.segmentation;

/**
 * Settings of the reconstruction baseline's {@link ConvAutoencoder} and its training.
 *
 * @param epochs     passes over the healthy training images
 * @param batchSize  images per update
 * @param lr         Adam learning rate
 * @param width      channels of the first encoder convolution (the encoder has width, 2 width, 4 width; the decoder
 *                   2 width, width)
 * @param bottleneck channels of the H/8 x W/8 code; the smaller, the less the network can copy lesions it never saw
 * @param seed       weight initialisation and shuffling
 */
public record AutoencoderOptions(int epochs, int batchSize, double lr, int width, int bottleneck, long seed) {
    public AutoencoderOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        if (!(lr > 0 && lr < 1)) {
            throw new IllegalArgumentException("lr: must be in (0, 1), got " + lr);
        }
        if (width < 1 || bottleneck < 1) {
            throw new IllegalArgumentException("width and bottleneck: must be >= 1, got " + width + " and "
                    + bottleneck);
        }
    }

    /** 20 epochs, batch 16, Adam 1e-3, width 8, bottleneck 4 channels, seed 42. */
    public static AutoencoderOptions defaults() {
        return new AutoencoderOptions(20, 16, 1e-3, 8, 4, 42);
    }

    public AutoencoderOptions withEpochs(int e) {
        return new AutoencoderOptions(e, batchSize, lr, width, bottleneck, seed);
    }

    public AutoencoderOptions withSeed(long s) {
        return new AutoencoderOptions(epochs, batchSize, lr, width, bottleneck, s);
    }
}
