package com.crmscoring.scoring.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.crmscoring.scoring.score.CustomerNotFoundException;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.storage.DependencyUnavailableException;
import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

/** The outcome an invocation line names is the caller's error code, found through the wrappers Funqy and Quarkus add. */
class InvocationLogTest {

    @Test
    void theCodeIsFoundThroughTheFrameworksWrappers() {
        // Funqy wraps a function's exception in its ApplicationException; its reader wraps Jackson's in an IllegalArgumentException.
        assertEquals("INVALID_REQUEST", InvocationLog.outcomeOf(new RuntimeException("wrapped",
                new InvalidRequestException("customerId", "is missing"))));
        assertEquals("CUSTOMER_NOT_FOUND", InvocationLog.outcomeOf(new RuntimeException(new CustomerNotFoundException("12347"))));
        assertEquals("MALFORMED_JSON", InvocationLog.outcomeOf(new IllegalArgumentException("Could not deserialize the provided message.",
                new JsonParseException(null, "Unexpected end-of-input"))));
        assertEquals("DEPENDENCY_UNAVAILABLE", InvocationLog.outcomeOf(new DependencyUnavailableException("down", null)));
    }

    @Test
    void anythingElseIsAnInternalError() {
        assertEquals("INTERNAL_ERROR", InvocationLog.outcomeOf(new ClassCastException("a record of another shape")));
        assertEquals("INTERNAL_ERROR", InvocationLog.outcomeOf(new OutOfMemoryError()));
    }
}
