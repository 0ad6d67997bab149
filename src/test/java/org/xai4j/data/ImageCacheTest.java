package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 8-bit on-disk image cache of the public data sets' readers, and prefetching batches from it. */
class ImageCacheTest {
    private static final int SIZE = 8;

    /** Image i's values: a deterministic pattern in [0, 1] with values between the 8-bit levels. */
    private static float[] image(int i, int channels) {
        Random r = new Random(i);
        float[] px = new float[channels * SIZE * SIZE];
        for (int k = 0; k < px.length; k++) {
            px[k] = r.nextFloat();
        }
        return px;
    }

    private static List<Path> files(Path dir, int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve("img" + i + ".png");
            Files.writeString(f, "image " + i);
            files.add(f);
        }
        return files;
    }

    @Test
    void decodesOnceQuantisesTo8BitsAndReadsAcrossSeveralMaps(@TempDir Path dir) throws IOException {
        List<Path> files = files(dir, 37);
        AtomicInteger decoded = new AtomicInteger();
        // 3 images per mapped region: 13 regions
        ImageCache cache = ImageCache.open(dir.resolve("cache"), "test", files, 2, SIZE, i -> {
            decoded.incrementAndGet();
            return image(i, 2);
        }, 3L * 2 * SIZE * SIZE);
        assertThat(cache.built()).isTrue();
        assertThat(decoded).hasValue(37);
        for (int i = 0; i < 37; i++) {
            float[] want = image(i, 2);
            float[] got = cache.read(i);
            for (int k = 0; k < want.length; k++) {
                // the nearest of the 256 levels: within half a level
                assertThat(Math.abs(got[k] - want[k])).isLessThanOrEqualTo(0.5f / 255 + 1e-6f);
                assertThat(got[k] * 255).isCloseTo(Math.round(got[k] * 255), org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
        assertThat(cache.read(5)).isNotSameAs(cache.read(5)).containsExactly(cache.read(5));
        // a second open maps the file: nothing is decoded again, every value is the same
        ImageCache again = ImageCache.open(dir.resolve("cache"), "test", files, 2, SIZE, i -> {
            throw new AssertionError("decoded again: " + i);
        });
        assertThat(again.built()).isFalse();
        assertThat(again.file()).isEqualTo(cache.file());
        for (int i = 0; i < 37; i++) {
            assertThat(again.read(i)).containsExactly(cache.read(i));
        }
        // several threads read at once (the prefetcher and the trainer)
        assertThat(IntStream.range(0, 37 * 20).parallel().allMatch(i -> again.read(i % 37).length == 2 * SIZE * SIZE))
                .isTrue();
        assertThatThrownBy(() -> again.read(37)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(ImageCache.quantise(Float.NaN)).isEqualTo((byte) 0);
        assertThat(ImageCache.quantise(2f)).isEqualTo((byte) 255);
    }

    @Test
    void aChangedImageListOrSizeMakesANewCache(@TempDir Path dir) throws IOException {
        List<Path> files = files(dir, 4);
        Path folder = dir.resolve("cache");
        ImageCache first = ImageCache.open(folder, "test", files, 1, SIZE, i -> image(i, 1));
        Files.setLastModifiedTime(files.get(2), FileTime.fromMillis(Files.getLastModifiedTime(files.get(2))
                .toMillis() + 60_000));
        ImageCache touched = ImageCache.open(folder, "test", files, 1, SIZE, i -> image(i + 100, 1));
        assertThat(touched.built()).as("an image replaced on disk").isTrue();
        assertThat(touched.file()).isNotEqualTo(first.file());
        assertThat(ImageCache.open(folder, "test", files.subList(0, 3), 1, SIZE, i -> image(i, 1)).built())
                .as("a different list").isTrue();
        assertThat(ImageCache.open(folder, "other", files, 1, SIZE, i -> image(i, 1)).built())
                .as("another source").isTrue();
        // a truncated file is not trusted
        Files.write(touched.file(), new byte[10]);
        assertThat(ImageCache.open(folder, "test", files, 1, SIZE, i -> image(i, 1)).built()).isTrue();
    }

    @Test
    void aFailedFirstLoadLeavesNoCacheBehindAndNamesTheImage(@TempDir Path dir) throws IOException {
        List<Path> files = files(dir, 600);
        Path folder = dir.resolve("cache");
        assertThatThrownBy(() -> ImageCache.open(folder, "test", files, 1, SIZE, i -> {
            if (i == 400) {
                throw new DataException(files.get(i) + ": cannot read (broken JPEG)");
            }
            return image(i, 1);
        })).hasMessageContaining("img400.png").hasMessageContaining("broken JPEG");
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.toList()).as("no cache and no temporary file").isEmpty();
        }
        assertThatThrownBy(() -> ImageCache.open(folder, "test", files, 1, SIZE, i -> new float[3]))
                .hasMessageContaining("decoded to 3 values, the cache expects 64");
    }

    @Test
    void anUnwritableCacheFolderSaysWhatToDo(@TempDir Path dir) throws IOException {
        List<Path> files = files(dir, 2);
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> ImageCache.open(notAFolder.resolve("cache"), "test", files, 1, SIZE,
                i -> image(i, 1))).isInstanceOf(DataException.class).hasMessageContaining("data.cache")
                .hasMessageContaining("off");
    }

    @Test
    void aReaderServesItsImagesFromTheCacheWithTheValuesItDecodes(@TempDir Path dir) throws IOException {
        Path folder = CheXpertSourceTest.fixture(dir);
        CheXpertOptions options = new CheXpertOptions(folder.toString(), 16, "competition", null, null, false, 0.3,
                1L, null);
        SampleSet memory = new CheXpertSource(options, folder, null).load();
        SampleSet cached = new CheXpertSource(options, folder).load();
        try (Stream<Path> caches = Files.list(folder.resolve(DataOptions.CACHE_FOLDER))) {
            assertThat(caches.toList()).hasSize(1).allMatch(p -> p.toString().endsWith(ImageCache.SUFFIX));
        }
        assertThat(memory.samples()).allMatch(s -> s.stored() == null);
        assertThat(cached.samples()).allMatch(s -> s.stored() != null).hasSameSizeAs(memory.samples());
        for (int i = 0; i < memory.samples().size(); i++) {
            Sample m = memory.samples().get(i);
            Sample c = cached.samples().get(i);
            assertThat(c.id()).isEqualTo(m.id());
            assertThat(c.labels()).containsExactly(m.labels());
            float[] a = m.pixels();
            float[] b = c.pixels();
            for (int k = 0; k < a.length; k++) {
                assertThat(Math.abs(a[k] - b[k])).isLessThanOrEqualTo(0.5f / 255 + 1e-6f);
            }
        }
        // the config key: off holds the images in memory, a folder resolves against the config's folder
        DataOptions off = new DataOptions("chexpert", null, null, null, null, null, options, "off", null);
        assertThat(off.cacheFolder(dir, folder)).isNull();
        DataOptions elsewhere = new DataOptions("chexpert", null, null, null, null, null, options, "scratch/c", null);
        assertThat(elsewhere.cacheFolder(dir, folder)).isEqualTo(dir.resolve("scratch/c"));
        assertThat(DataSources.load(elsewhere, dir).samples()).allMatch(s -> s.stored() != null);
        assertThat(Files.isDirectory(dir.resolve("scratch/c"))).isTrue();
    }

    @Test
    void prefetchedBatchesAreTheBatchesWithoutPrefetching(@TempDir Path dir) throws IOException {
        Path folder = CheXpertSourceTest.fixture(dir);
        SampleSet set = new CheXpertSource(new CheXpertOptions(folder.toString(), 16, "competition", null, null,
                false, 0.3, 1L, null), folder).load();
        Transforms augment = new Transforms(new TransformOptions(null, null, null, 0.5, 0.5, 10.0, 0.9, 1.1, 0.1, 0.1, 0.1));
        BatchIterator plain = BatchIterator.of(set.samples(), 5).withShuffle(3).withTransforms(augment, true);
        BatchIterator ahead = plain.withPrefetch(2);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Batch> a = new ArrayList<>();
            plain.epoch(epoch).forEach(a::add);
            List<Batch> b = new ArrayList<>();
            ahead.epoch(epoch).forEach(b::add);
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).features()).isEqualTo(a.get(i).features());
                assertThat(b.get(i).labels()).isEqualTo(a.get(i).labels());
                assertThat(b.get(i).ids()).isEqualTo(a.get(i).ids());
            }
        }
        // a failure on the prefetching thread reaches the caller as itself
        Sample broken = Sample.stored("broken", new Sample.StoredPixels() {
            @Override
            public float[] read() {
                throw new DataException("broken.jpg: cannot read");
            }

            @Override
            public int length() {
                return 16 * 16;
            }
        }, 1, 16, 16, new float[5], null, List.of(), Split.TRAIN);
        List<Sample> withBroken = new ArrayList<>(set.samples());
        withBroken.add(broken);
        assertThatThrownBy(() -> BatchIterator.of(withBroken, 4).withPrefetch(2).epoch(0).forEach(x -> { }))
                .isInstanceOf(DataException.class).hasMessage("broken.jpg: cannot read");
        assertThatThrownBy(() -> plain.withPrefetch(-1)).hasMessageContaining("prefetch");
    }
}
