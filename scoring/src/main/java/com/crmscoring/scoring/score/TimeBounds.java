package com.crmscoring.scoring.score;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The instants a request may name: none before the shop could have had an order; an order's time
 * no later than now (give or take the clock skew between the shop and this service); a score's
 * {@code asOf} up to two years ahead ("if the customer orders nothing until then"). Also keeps
 * instants beyond the range of a date (year +1000000000, which ISO-8601 allows) away from the
 * date arithmetic of the features.
 */
public final class TimeBounds {

    /** No order of this shop predates it: the Online Retail data starts in December 2010. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** How far ahead of this service's clock an instant may be. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private TimeBounds() {
    }

    /** How far ahead a score may be asked for. */
    public static final Duration MAX_AS_OF_AHEAD = Duration.ofDays(730);

    /**
     * An order's time.
     *
     * @throws InvalidRequestException naming the field when the instant is out of bounds
     */
    public static Instant checkPast(String field, Instant at, Clock clock) {
        if (at.isBefore(EARLIEST) || at.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            throw new InvalidRequestException(field, "must be between " + EARLIEST + " and now (plus "
                    + MAX_CLOCK_SKEW.toMinutes() + " minutes of clock skew)");
        }
        return at;
    }

    /**
     * The instant a score is asked for.
     *
     * @throws InvalidRequestException naming the field when the instant is out of bounds
     */
    public static Instant checkAsOf(String field, Instant at, Clock clock) {
        if (at.isBefore(EARLIEST) || at.isAfter(clock.instant().plus(MAX_AS_OF_AHEAD))) {
            throw new InvalidRequestException(field, "must be between " + EARLIEST + " and two years from now");
        }
        return at;
    }
}
