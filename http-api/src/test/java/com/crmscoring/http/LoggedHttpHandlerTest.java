package com.crmscoring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The outcome read from an API Gateway answer: ok below 400, else the error code the shop got. */
class LoggedHttpHandlerTest {

    private static String outcome(String answer) throws IOException {
        return LoggedHttpHandler.outcome(answer.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSuccessIsOkWhateverTheBody() throws IOException {
        assertEquals("ok", outcome("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{\\\"error\\\":\\\"x\\\"}\"}"));
        assertEquals("ok", outcome("{\"body\":\"[1,2,3]\",\"multiValueHeaders\":{},\"statusCode\":201}"));
    }

    @Test
    void aFailureIsItsErrorCode() throws IOException {
        assertEquals("CUSTOMER_NOT_FOUND", outcome("{\"statusCode\":404,\"body\":\"{\\\"error\\\":\\\"CUSTOMER_NOT_FOUND\\\",\\\"message\\\":\\\"no profile\\\"}\"}"));
        assertEquals("DEPENDENCY_UNAVAILABLE", outcome("{\"body\":\"{\\\"message\\\":\\\"retry\\\",\\\"error\\\":\\\"DEPENDENCY_UNAVAILABLE\\\"}\",\"statusCode\":503}"));
    }

    @Test
    void aFailureWithoutOurBodyIsItsStatus() throws IOException {
        // Quarkus's HTTP layer answers a URI that is not valid percent-encoding with an empty 400.
        assertEquals("HTTP_400", outcome("{\"statusCode\":400,\"body\":\"\"}"));
        assertEquals("HTTP_502", outcome("{\"statusCode\":502,\"body\":\"<html>bad gateway</html>\"}"));
        assertEquals("INTERNAL_ERROR", outcome("[]"));
    }
}
