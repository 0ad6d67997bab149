package org.xai4j.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.data.Sample;

/**
 * The intensity baseline: the map is the raw input channel itself (channel 0 = the FLAIR-like channel of the
 * synthetic data). Thresholding a FLAIR image inside the brain mask is a strong lesion segmenter (Dice about 0.43 on
 * MSSEG2015 against 0.27-0.34 for autoencoder methods; Baur et al., Medical Image Analysis 2021), so it belongs in
 * every comparison table (Wargnier-Dauchelle et al., IEEE TMI 2023).
 */
public final class IntensityMaps implements AnomalyMapSource {
    /** Name in tables and folders. */
    public static final String NAME = "intensity";

    private final int channel;

    /** @param channel the image channel used (0 for FLAIR-like) */
    public IntensityMaps(int channel) {
        if (channel < 0) {
            throw new IllegalArgumentException("channel: must be >= 0, got " + channel);
        }
        this.channel = channel;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.BASELINE;
    }

    @Override
    public List<float[]> maps(List<Sample> samples) {
        List<float[]> out = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            if (channel >= s.channels()) {
                throw new IllegalArgumentException("channel: " + channel + " but sample " + s.id() + " has "
                        + s.channels() + " channel(s)");
            }
            int hw = s.height() * s.width();
            float[] m = new float[hw];
            System.arraycopy(s.pixels(), channel * hw, m, 0, hw);
            out.add(m);
        }
        return out;
    }
}
