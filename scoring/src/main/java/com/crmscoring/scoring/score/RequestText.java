package com.crmscoring.scoring.score;

/**
 * Free text in a request (a country, a product description): bounded, and valid Unicode. Bytes
 * that were not UTF-8 reach Java as U+FFFD, the replacement character, or as unpaired surrogates
 * ({@code "\ud800"} in JSON): either way the sender's text was lost, so it is refused rather than
 * stored garbled. Control characters are refused too: no field of an order holds them.
 */
public final class RequestText {

    private RequestText() {
    }

    /**
     * @return the text, or null when it is null
     * @throws InvalidRequestException naming the field
     */
    public static String check(String field, String text, int maxLength) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            throw new InvalidRequestException(field, "must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                throw new InvalidRequestException(field, "is not valid UTF-8");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new InvalidRequestException(field, "is not valid Unicode (an unpaired surrogate)");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidRequestException(field, "must not hold control characters");
            }
        }
        return text;
    }
}
