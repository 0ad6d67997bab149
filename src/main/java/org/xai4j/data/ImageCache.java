package org.xai4j.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.xai4j.util.AtomicFiles;

/**
 * The images of a data set decoded once to the training size and kept as 8-bit values in one file on disk, read
 * through memory maps, so that a data set of 112k chest X-rays trains in bounded memory (about 50 KB an image at
 * 224 x 224 instead of 200 KB of floats, and only in the page cache) and the second epoch, and every later run with
 * the same images and size, decodes no JPEG or PNG again.
 *
 * <p>The file ({@code <source>-<size>px-<key>.u8} in the cache folder) holds a 64-byte header (magic, version,
 * count, channels, height, width, key) and then the images in list order, C x H x W bytes each, the value
 * {@code round(v * 255)} of the decoded pixel {@code v} clamped to [0, 1]. The key is a SHA-256 over the source's
 * name, the size, the channels and, per image, its path, length and modification time: an image replaced on disk or a
 * different list makes a new file instead of serving stale pixels. A file is written to a temporary name and renamed
 * when complete ({@link AtomicFiles}), so an interrupted first load leaves no half-written cache; decoding runs on
 * all cores, in chunks written in order.
 *
 * <p>Quantisation to 8 bits is exact for 8-bit sources (JPEG, 8-bit PNG) and loses at most half a level (0.002) of a
 * 16-bit source's area-averaged value.
 */
public final class ImageCache {
    static final String SUFFIX = ".u8";
    private static final byte[] MAGIC = "XAI4JU8\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER = 64;
    private static final int CHUNK = 256;
    /** Largest mapped region: whole images up to about 1 GiB. */
    private static final long MAP_LIMIT = 1L << 30;
    private static final float[] LEVELS = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            LEVELS[i] = i / 255f;
        }
    }

    private final Path file;
    private final int count;
    private final int length;
    private final int perMap;
    private final List<MappedByteBuffer> maps;
    private final boolean built;

    private ImageCache(Path file, int count, int length, List<MappedByteBuffer> maps, int perMap, boolean built) {
        this.file = file;
        this.count = count;
        this.length = length;
        this.maps = maps;
        this.perMap = perMap;
        this.built = built;
    }

    /**
     * The cache of {@code files} in {@code folder}: mapped when a complete file with the same key exists, else built
     * by {@code decode} (index to C x size x size values; it reports its own errors) and then mapped.
     *
     * @param source   the data source's name (part of the file name and the key)
     * @param channels C of every image
     * @param size     height and width of every decoded image
     */
    public static ImageCache open(Path folder, String source, List<Path> files, int channels, int size,
                                  IntFunction<float[]> decode) {
        return open(folder, source, files, channels, size, decode, MAP_LIMIT);
    }

    /** {@link #open} with mapped regions of at most {@code mapLimit} bytes (whole images, at least one). */
    static ImageCache open(Path folder, String source, List<Path> files, int channels, int size,
                           IntFunction<float[]> decode, long mapLimit) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("image cache of " + source + ": no images");
        }
        int length = Math.multiplyExact(channels, size * size);
        String key = key(source, files, channels, size);
        Path file = folder.resolve(source + "-" + size + "px-" + key + SUFFIX);
        boolean built = false;
        if (!matches(file, files.size(), channels, size, key)) {
            build(file, files, channels, size, key, length, decode);
            built = true;
        }
        int perMap = (int) Math.max(1, Math.min(Integer.MAX_VALUE / length, mapLimit / length));
        List<MappedByteBuffer> maps = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int first = 0; first < files.size(); first += perMap) {
                int n = Math.min(perMap, files.size() - first);
                maps.add(ch.map(FileChannel.MapMode.READ_ONLY, HEADER + (long) first * length, (long) n * length));
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot map the image cache (" + e.getMessage() + ")", e);
        }
        return new ImageCache(file, files.size(), length, maps, perMap, built);
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /** Whether {@link #open} decoded the images (false: an existing cache was reused). */
    public boolean built() {
        return built;
    }

    public int size() {
        return count;
    }

    /** Image {@code index} as floats in [0, 1] (a fresh array). Safe to call from several threads. */
    public float[] read(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("image " + index + " of " + count);
        }
        byte[] bytes = new byte[length];
        maps.get(index / perMap).get((index % perMap) * length, bytes);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = LEVELS[bytes[i] & 0xff];
        }
        return out;
    }

    /** Image {@code index} as a sample's {@link Sample.StoredPixels}. */
    public Sample.StoredPixels entry(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("image " + index + " of " + count);
        }
        return new Entry(this, index);
    }

    /** One image of a cache. */
    private record Entry(ImageCache cache, int index) implements Sample.StoredPixels {
        @Override
        public float[] read() {
            return cache.read(index);
        }

        @Override
        public int length() {
            return cache.length;
        }
    }

    /** The 8-bit level of {@code v}: {@code round(v * 255)} of {@code v} clamped to [0, 1] (NaN as 0). */
    static byte quantise(float v) {
        float c = v > 0 ? Math.min(1f, v) : 0f;
        return (byte) Math.round(c * 255);
    }

    private static String key(String source, List<Path> files, int channels, int size) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((source + "\n" + channels + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path f : files) {
                long bytes = Files.isRegularFile(f) ? Files.size(f) : -1;
                long modified = bytes >= 0 ? Files.getLastModifiedTime(f).toMillis() : -1;
                sha.update((f.toAbsolutePath().normalize() + "\t" + bytes + "\t" + modified + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("image cache: cannot stat the images: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(Path file, int count, int channels, int size, String key) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != HEADER + (long) count * channels * size * size) {
                return false;
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            while (h.hasRemaining() && ch.read(h) >= 0) {
                // read the whole header
            }
            h.flip();
            byte[] magic = new byte[MAGIC.length];
            h.get(magic);
            byte[] storedKey = new byte[16];
            if (!java.util.Arrays.equals(magic, MAGIC) || h.getInt() != VERSION || h.getInt() != count
                    || h.getInt() != channels || h.getInt() != size || h.getInt() != size) {
                return false;
            }
            h.get(storedKey);
            return new String(storedKey, StandardCharsets.US_ASCII).equals(key);
        } catch (IOException e) {
            return false;
        }
    }

    private static void build(Path file, List<Path> files, int channels, int size, String key, int length,
                              IntFunction<float[]> decode) {
        try {
            AtomicFiles.write(file, out -> {
                DataOutputStream data = new DataOutputStream(out);
                data.write(MAGIC);
                data.writeInt(VERSION);
                data.writeInt(files.size());
                data.writeInt(channels);
                data.writeInt(size);
                data.writeInt(size);
                data.write(key.getBytes(StandardCharsets.US_ASCII));
                data.write(new byte[HEADER - MAGIC.length - 5 * Integer.BYTES - key.length()]);
                for (int first = 0; first < files.size(); first += CHUNK) {
                    int end = Math.min(files.size(), first + CHUNK);
                    byte[][] chunk = IntStream.range(first, end).parallel()
                            .mapToObj(i -> bytes(decode.apply(i), length, files.get(i))).toArray(byte[][]::new);
                    for (byte[] image : chunk) {
                        data.write(image);
                    }
                }
                data.flush();
            });
        } catch (UncheckedIOException e) {
            throw new DataException(file + ": cannot write the image cache (" + e.getMessage()
                    + "); set data.cache to a writable folder, or to off to hold the images in memory", e);
        }
    }

    private static byte[] bytes(float[] pixels, int length, Path file) {
        if (pixels.length != length) {
            throw new DataException(file + ": decoded to " + pixels.length + " values, the cache expects " + length);
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = quantise(pixels[i]);
        }
        return out;
    }
}
