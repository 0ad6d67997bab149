package org.xai4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * The images a public-data-set reader has listed, decoded together once the listing is complete: into the 8-bit
 * {@link ImageCache} on disk (the default, {@code data.cache}), or into memory as floats ({@code data.cache: off}).
 * Each image comes with the way its reader makes the sample from it, so a reader lists rows, then calls
 * {@link #load} once.
 */
final class PendingImages {
    /** Makes one sample from its pixels (in memory) or from where they are stored (exactly one is non-null). */
    @FunctionalInterface
    interface Maker {
        Sample make(float[] pixels, Sample.StoredPixels stored);
    }

    private final List<Path> files = new ArrayList<>();
    private final List<String> listed = new ArrayList<>();
    private final List<Maker> makers = new ArrayList<>();

    /** @param listedIn the file that lists the image, for the error of a missing or unreadable one */
    void add(Path file, String listedIn, Maker maker) {
        files.add(file);
        listed.add(listedIn);
        makers.add(maker);
    }

    int size() {
        return files.size();
    }

    /**
     * @param cache    the cache folder, or null to hold the images in memory
     * @param source   the reader's name (part of the cache's file name and key)
     * @param channels C of every decoded image
     * @param size     their height and width
     * @param decode   one file (and where it is listed) to C x size x size values in [0, 1]; reports its own errors
     */
    List<Sample> load(Path cache, String source, int channels, int size, BiFunction<Path, String, float[]> decode) {
        List<Sample> out = new ArrayList<>(files.size());
        if (files.isEmpty()) {
            return out;
        }
        if (cache == null) {
            float[][] pixels = IntStream.range(0, files.size()).parallel().mapToObj(i -> decode.apply(files.get(i), listed.get(i)))
                    .toArray(float[][]::new);
            for (int i = 0; i < pixels.length; i++) {
                out.add(makers.get(i).make(pixels[i], null));
            }
            return out;
        }
        ImageCache images = ImageCache.open(cache, source, files, channels, size, i -> decode.apply(files.get(i), listed.get(i)));
        for (int i = 0; i < files.size(); i++) {
            out.add(makers.get(i).make(null, images.entry(i)));
        }
        return out;
    }
}
