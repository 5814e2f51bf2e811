package com.crmscoring.http;

import com.crmscoring.scoring.score.CustomerNotFoundException;
import com.crmscoring.scoring.score.InvalidRequestException;
import com.crmscoring.scoring.score.JsonRequests;
import com.crmscoring.scoring.score.RequestTooLargeException;
import com.crmscoring.shared.model.ModelLoadException;
import com.crmscoring.shared.model.ScoringException;
import com.crmscoring.storage.DependencyUnavailableException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * One status per failure type, each with an {@link ApiError} body. The mapping is the API's
 * contract with the shop (openapi.yaml); OpenApiContractTest holds it to that file.
 */
public class ErrorMappers {

    /** Seconds the shop should wait before retrying a 503: DynamoDB throttling clears within a second or two. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return respond(Response.Status.BAD_REQUEST, new ApiError("INVALID_REQUEST", e.getMessage(), e.field(), null));
    }

    @ServerExceptionMapper
    public Response tooLarge(RequestTooLargeException e) {
        return respond(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                new ApiError("REQUEST_TOO_LARGE", e.getMessage(), e.field(), e.limit()));
    }

    @ServerExceptionMapper
    public Response notFound(CustomerNotFoundException e) {
        return respond(Response.Status.NOT_FOUND, ApiError.of("CUSTOMER_NOT_FOUND", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unavailable(DependencyUnavailableException e) {
        Log.warnf("dependency unavailable: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(ApiError.of("DEPENDENCY_UNAVAILABLE", "the profile store is unavailable; retry shortly"))
                .build();
    }

    /**
     * A body that is not JSON, a key given twice, or a value of the wrong type. Jackson's own
     * message quotes the input, which may hold personal data, so the answer names only the
     * location and the field ({@link JsonRequests#invalid}, as the functions do).
     */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        InvalidRequestException told = JsonRequests.invalid(e);
        String field = "body".equals(told.field()) ? null : told.field();
        String message = field == null ? "the body " + told.reason() : told.getMessage();
        return respond(Response.Status.BAD_REQUEST, new ApiError("MALFORMED_JSON", message, field, null));
    }

    /**
     * quarkus-rest-jackson maps this one itself, with a body that quotes the input; a mapper for
     * the exact type takes precedence over it.
     */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return malformed(e);
    }

    /** Routing failures of the framework itself: unknown path, wrong method, wrong content type. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 413 -> "REQUEST_TOO_LARGE";
            // A body the framework could not read at all (cut short, empty where one is needed).
            case 400 -> "MALFORMED_JSON";
            default -> status < 500 ? "INVALID_REQUEST" : "INTERNAL_ERROR";
        };
        return respond(Response.Status.fromStatusCode(status), ApiError.of(code, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response scoring(ScoringException e) {
        Log.errorf(e, "scoring failed");
        return respond(Response.Status.INTERNAL_SERVER_ERROR, ApiError.of("INTERNAL_ERROR", "scoring failed"));
    }

    @ServerExceptionMapper
    public Response model(ModelLoadException e) {
        Log.errorf(e, "model unusable");
        return respond(Response.Status.INTERNAL_SERVER_ERROR, ApiError.of("INTERNAL_ERROR", "a model could not be loaded"));
    }

    private static Response respond(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
