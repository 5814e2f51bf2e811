package com.crmscoring.shared.offers;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One offer of the catalogue: a product family and who may get it.
 *
 * @param pattern                   regular expression on a line's description (case-insensitive)
 * @param minOrders                 purchases a customer needs before this offer is shown
 * @param excludeIfBoughtWithinDays a customer who bought from the family this recently already has it
 */
public record Offer(String id, String name, String pattern, int minOrders, int excludeIfBoughtWithinDays) {

    public Offer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pattern, "pattern");
        Pattern.compile(pattern);   // fail on load, not on the first order line
    }

    /** Name of the profile attribute holding the family's share of the customer's spend. */
    public String shareAttribute() {
        return "familyShare." + id;
    }

    /** Name of the profile attribute holding the days since the customer last bought from the family. */
    public String daysSinceAttribute() {
        return "familyDaysSince." + id;
    }
}
