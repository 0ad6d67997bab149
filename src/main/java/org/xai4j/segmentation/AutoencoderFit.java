package org.xai4j.segmentation;

import java.util.List;

/**
 * A trained reconstruction baseline and how its training went.
 *
 * @param autoencoder the trained network (its {@link ConvAutoencoder.Info} holds the MSE before and after)
 * @param epochLosses mean training MSE per epoch (per pixel), in epoch order
 * @param fedIds      ids of every image fed to the network, once each, in the order first fed (all healthy)
 */
public record AutoencoderFit(ConvAutoencoder autoencoder, List<Double> epochLosses, List<String> fedIds) {
    public AutoencoderFit {
        epochLosses = List.copyOf(epochLosses);
        fedIds = List.copyOf(fedIds);
    }
}
