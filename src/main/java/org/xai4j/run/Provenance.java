package org.xai4j.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xai4j.data.Sample;

/**
 * Where a run came from: versions, machine, seed, code commit and a hash of the data, stored in every run
 * folder next to the resolved config (DESIGN.md decision 8).
 */
public record Provenance(String xai4jVersion, String dl4jVersion, String javaVersion, String os, int cores,
                         long seed, String gitCommit, String dataSha256, int samples, String command,
                         String started) {

    public static Provenance of(long seed, List<Sample> samples, String command) {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new Provenance(version == null ? "dev" : version, "1.0.0-M2.1", System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), seed, currentGitCommit(), hash(samples), samples.size(), command,
                Instant.now().toString());
    }

    /** SHA-256 over ids, pixels and labels of all samples, in order. */
    public static String hash(List<Sample> samples) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Sample s : samples) {
                md.update(s.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(floats(s.pixels()));
                md.update(floats(s.labels()));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    /** The commit of the working directory's git checkout, or "unknown". */
    static String currentGitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of(".").toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
