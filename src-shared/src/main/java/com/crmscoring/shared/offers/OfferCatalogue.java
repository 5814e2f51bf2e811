package com.crmscoring.shared.offers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The offers the next-best-offer model chooses from, read from JSON (the default is
 * {@code offers/catalogue.json} on the class path). A line belongs to the first offer whose
 * pattern matches its description.
 */
public record OfferCatalogue(String description, List<Offer> offers) {

    public static final String DEFAULT_RESOURCE = "offers/catalogue.json";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public OfferCatalogue {
        offers = List.copyOf(offers);
        if (offers.isEmpty()) {
            throw new IllegalArgumentException("the offer catalogue is empty");
        }
        Set<String> ids = new HashSet<>();
        for (Offer o : offers) {
            if (!ids.add(o.id())) {
                throw new IllegalArgumentException("offer '" + o.id() + "' is in the catalogue twice");
            }
        }
    }

    /**
     * The offer (family) of an order line, by its description. Remembered per description: a
     * shop has a few thousand products but hundreds of thousands of order lines.
     */
    public Optional<Offer> familyOf(String description) {
        return Compiled.of(this).byDescription.computeIfAbsent(description, d -> {
            String text = d.toUpperCase(Locale.ROOT);
            List<Pattern> patterns = Compiled.of(this).patterns;
            for (int i = 0; i < offers.size(); i++) {
                if (patterns.get(i).matcher(text).find()) {
                    return Optional.of(offers.get(i));
                }
            }
            return Optional.empty();
        });
    }

    /** Offer ids in catalogue order. */
    public List<String> ids() {
        return offers.stream().map(Offer::id).toList();
    }

    public Offer offer(String id) {
        return offers.stream().filter(o -> o.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no offer '" + id + "' in the catalogue"));
    }

    public static OfferCatalogue fromJson(String json) {
        try {
            return JSON.readValue(json, OfferCatalogue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid offer catalogue: " + e.getOriginalMessage(), e);
        }
    }

    /** The catalogue shipped with the project. */
    public static OfferCatalogue loadDefault() {
        try (InputStream in = OfferCatalogue.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the class path");
            }
            return fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiled patterns and remembered answers per catalogue instance. A record cannot hold
     * derived state, so it lives here, keyed by identity (a process holds one or two catalogues).
     */
    private static final class Compiled {
        private static final java.util.Map<OfferCatalogue, Compiled> CACHE =
                java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

        final List<Pattern> patterns;
        final java.util.Map<String, Optional<Offer>> byDescription = new java.util.concurrent.ConcurrentHashMap<>();

        private Compiled(OfferCatalogue catalogue) {
            List<Pattern> out = new ArrayList<>();
            for (Offer o : catalogue.offers()) {
                out.add(Pattern.compile(o.pattern(), Pattern.CASE_INSENSITIVE));
            }
            this.patterns = List.copyOf(out);
        }

        static Compiled of(OfferCatalogue catalogue) {
            return CACHE.computeIfAbsent(catalogue, Compiled::new);
        }
    }
}
