package com.crmscoring.bench;

/** The JVM's own start and exit, with this jar's class path: the floor under every cold start. */
public final class Noop {

    private Noop() {
    }

    public static void main(String[] args) {
        System.out.println("ready");
    }
}
