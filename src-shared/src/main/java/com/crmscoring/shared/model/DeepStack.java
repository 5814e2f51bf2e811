package com.crmscoring.shared.model;

import java.util.concurrent.Callable;

/**
 * Runs work that uses ONNX Runtime on a thread with a 64 MB stack. ONNX Runtime 1.29 crashes the
 * JVM (SIGSEGV, no error file) when the JVM's command line is long, about 4 KB as a Maven-built
 * class path gives, and the calling thread has the default stack. Lambda and surefire start the
 * JVM with short command lines; the local run and the benchmarks need this.
 */
public final class DeepStack {

    private static final long STACK_BYTES = 64L << 20;

    private DeepStack() {
    }

    /** Runs {@code work} on a deep-stack thread, waits for it, and rethrows what it threw. */
    public static <T> T run(String name, Callable<T> work) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = work.call();
            } catch (Exception | Error e) {
                failure[0] = e;
            }
        }, name, STACK_BYTES);
        worker.start();
        worker.join();
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
