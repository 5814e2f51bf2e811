package com.crmscoring.http;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rules every request meets before any route reads it.
 *
 * <p>{@code OPTIONS}: the shop's servers call this API, not browsers (API Gateway has no CORS
 * configuration in template.yaml), so there is no preflight to answer: 405 on the API's paths,
 * 404 elsewhere, as for any other method a path does not have.
 *
 * <p>The body: JSON in UTF-8, said so by its Content-Type. A body sent without a Content-Type,
 * as anything ({@code *}/{@code *}), or in another charset (UTF-16, Latin-1) would be guessed at, so it is refused with a 415 rather than
 * read as something the sender did not mean. Routes that read no body (the scoring and privacy
 * routes) need no Content-Type.
 */
public class RequestRules {

    /** The API's paths, from the resources' own {@code @Path} templates: one list, never out of step. */
    private static final List<Pattern> ROUTES = routes(CustomerResource.class, OrderResource.class, CampaignResource.class,
            PrivacyResource.class);

    @ServerRequestFilter(preMatching = true)
    public Response checkOptions(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            String path = request.getUriInfo().getPath();
            boolean known = ROUTES.stream().anyMatch(route -> route.matcher(path).matches());
            return Response.status(known ? Response.Status.METHOD_NOT_ALLOWED : Response.Status.NOT_FOUND)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(known ? ApiError.of("METHOD_NOT_ALLOWED", "this path does not answer OPTIONS (no CORS: servers call this API)")
                            : ApiError.of("NOT_FOUND", "no such path"))
                    .build();
        }
        return null;
    }

    /** After matching, so that only the routes that read a body (those that declare what they consume) are held to it. */
    @ServerRequestFilter
    public Response checkBody(ContainerRequestContext request, ResourceInfo route) {
        Method method = route.getResourceMethod();
        if (method == null || (!method.isAnnotationPresent(Consumes.class)
                && !route.getResourceClass().isAnnotationPresent(Consumes.class))) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        MediaType type;
        try {
            type = header == null ? null : MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardType() || type.isWildcardSubtype()) {
            return refuse("a request body must be sent as Content-Type: application/json");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            return refuse("a request body must be UTF-8 (charset=utf-8, or no charset)");
        }
        return null;
    }

    private static List<Pattern> routes(Class<?>... resources) {
        List<Pattern> out = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            boolean rootServed = false;
            for (Method m : resource.getDeclaredMethods()) {
                Path sub = m.getAnnotation(Path.class);
                if (sub != null) {
                    out.add(template(base + "/" + sub.value()));
                } else if (Modifier.isPublic(m.getModifiers())) {
                    rootServed = true;
                }
            }
            if (rootServed) {
                out.add(template(base));
            }
        }
        return List.copyOf(out);
    }

    /** {@code /customers/{customerId}/churn} as a pattern: a template variable is one path segment. */
    private static Pattern template(String path) {
        String normal = ("/" + path).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        return Pattern.compile(Pattern.quote(normal).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
    }

    private static Response refuse(String message) {
        return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of("UNSUPPORTED_MEDIA_TYPE", message)).build();
    }
}
