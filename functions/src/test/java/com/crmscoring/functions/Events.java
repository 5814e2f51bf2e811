package com.crmscoring.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The event files of {@code events/}, the same ones {@code sam local invoke} takes. */
public final class Events {

    /** Lambda's error type for an exception thrown by a Funqy function. */
    public static final String FUNQY_APPLICATION_ERROR = "io.quarkus.funqy.runtime.ApplicationException";
    /**
     * Lambda's error type when Funqy's reader cannot take the payload (a key given twice, nesting
     * deeper than Jackson's 1,000): the function never runs, and the message quotes nothing.
     */
    public static final String FUNQY_UNREADABLE = "java.lang.IllegalArgumentException";
    public static final String FUNQY_UNREADABLE_MESSAGE = "Could not deserialize the provided message.";
    public static final String INVALID = "com.crmscoring.scoring.score.InvalidRequestException";
    public static final String TOO_LARGE = "com.crmscoring.scoring.score.RequestTooLargeException";
    public static final String NOT_FOUND = "com.crmscoring.scoring.score.CustomerNotFoundException";

    private Events() {
    }

    public static String read(String name) {
        try {
            return Files.readString(Path.of("../events", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
