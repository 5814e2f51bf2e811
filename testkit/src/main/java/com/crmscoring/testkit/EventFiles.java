package com.crmscoring.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The event files of a folder under {@code events/}, held to the set a test checks. */
public final class EventFiles {

    private EventFiles() {
    }

    /**
     * @return the folder's {@code .json} files, sorted
     * @throws IllegalStateException unless they are exactly {@code checked}: a new event file
     *                               without a check, or a check without its file, fails the test
     */
    public static List<Path> exactly(Path folder, Set<String> checked) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Set<String> names = new TreeSet<>(files.stream().map(p -> p.getFileName().toString()).toList());
        if (!names.equals(new TreeSet<>(checked))) {
            throw new IllegalStateException(folder + " holds " + names + " but the test checks " + new TreeSet<>(checked)
                    + ": every event file needs a check, and every check an event file");
        }
        return files;
    }
}
