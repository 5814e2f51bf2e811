package com.crmscoring.scoring.score;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Request bodies read from JSON by the one strict policy, with Jackson's failures told without
 * its own messages, which quote the input (and so, possibly, personal data): a failure names only
 * the field and the JSON type it needs. The HTTP API's error mapper and the functions both use it.
 */
public final class JsonRequests {

    private final ObjectMapper mapper;

    /** @param mapper the application's mapper, configured by {@code StrictJson} */
    public JsonRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A body the runtime already parsed into a tree, bound to its request type.
     *
     * @return null for a null or missing body, as the callers' own checks expect
     * @throws InvalidRequestException naming the field of the wrong type
     */
    public <T> T read(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        try {
            return mapper.treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid(e instanceof JsonProcessingException j ? j : null);
        }
    }

    /** What was wrong with a body, told without quoting it. */
    public static InvalidRequestException invalid(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining()).substring(1);
            Class<?> target = e instanceof MismatchedInputException mi ? mi.getTargetType() : null;
            return new InvalidRequestException(field, "has the wrong JSON type" + (target == null ? "" : ", expected " + jsonType(target)));
        }
        if (e instanceof JsonParseException && e.getLocation() != null) {
            return new InvalidRequestException("body", "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        return new InvalidRequestException("body", "is not valid JSON for this operation");
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
