package com.crmscoring.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** One test profile per exported function: Funqy serves exactly one function per deployment. */
public final class ExportProfiles {

    private ExportProfiles() {
    }

    /** Exports {@code segment}. */
    public static final class Segment implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "segment");
        }
    }

    /** Exports {@code lifetimeValue}. */
    public static final class LifetimeValue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "lifetimeValue");
        }
    }

    /** Exports {@code nextBestOffer}. */
    public static final class NextBestOffer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "nextBestOffer");
        }
    }

    /** Exports {@code fraud}. */
    public static final class Fraud implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "fraud");
        }
    }

    /** Exports {@code profileScore}. */
    public static final class ProfileScore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "profileScore");
        }
    }

    /** Exports {@code batchScore}. */
    public static final class BatchScore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "batchScore");
        }
    }

    /** Exports {@code orderStream}. */
    public static final class OrderStream implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "orderStream");
        }
    }

    /** Exports {@code orderQueue}. */
    public static final class OrderQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "orderQueue");
        }
    }

    /** Exports {@code privacy}. */
    public static final class Privacy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "privacy");
        }
    }
}
