package com.crmscoring.training.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 fingerprints of training inputs, so a model names exactly the data it learnt from. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** SHA-256 of the file's bytes followed by the parameters that shaped the rows. */
    public static String of(Path file, String parameters) throws IOException {
        return of(List.of(file), parameters);
    }

    /** SHA-256 of the files' bytes, one after the other in the order given, then the parameters. */
    public static String of(List<Path> files, String parameters) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
        }
        sha.update(parameters.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A model version derived from what determines the model: same inputs, same version. */
    public static String version(String dataFingerprint, String algorithm, long seed) {
        MessageDigest sha = sha256();
        sha.update((dataFingerprint + "|" + algorithm + "|" + seed).getBytes(StandardCharsets.UTF_8));
        return "1." + HexFormat.of().formatHex(sha.digest()).substring(0, 10);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
