package com.crmscoring.scoring.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a privacy request did.
 *
 * @param action        what was recorded or done
 * @param at            when (ISO-8601)
 * @param ordersErased  for an erasure, how many orders were deleted; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivacyAnswer(String customerId, String action, String at, Integer ordersErased) {
}
