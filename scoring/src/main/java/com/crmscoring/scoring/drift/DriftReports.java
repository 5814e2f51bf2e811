package com.crmscoring.scoring.drift;

import com.crmscoring.scoring.dashboard.DriftPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a drift report goes: its JSON and its page, under a name that sorts by date. */
public final class DriftReports {

    /** Stores one named document (a folder, an S3 bucket). */
    @FunctionalInterface
    public interface Sink {
        void put(String name, String contentType, byte[] body) throws IOException;
    }

    private DriftReports() {
    }

    /** A folder on disk: the local run's, or a container's /tmp. */
    public static Sink folder(Path root) {
        return (name, contentType, body) -> {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, body);
        };
    }

    /**
     * Writes {@code drift/<instant>/drift.json} and {@code drift.html} beside it.
     *
     * @return the names written
     */
    public static List<String> write(DriftReport report, Sink sink) {
        String folder = "drift/" + report.asOf().replace(":", "") + "/";
        try {
            sink.put(folder + "drift.json", "application/json", report.toJson().getBytes(StandardCharsets.UTF_8));
            sink.put(folder + "drift.html", "text/html; charset=utf-8", DriftPage.render(report).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the drift report could not be written: " + e.getMessage(), e);
        }
        return List.of(folder + "drift.json", folder + "drift.html");
    }
}
