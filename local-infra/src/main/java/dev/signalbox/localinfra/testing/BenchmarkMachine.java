package dev.signalbox.localinfra.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a benchmark ran on, for its results header: figures from two machines compare only when the
 * header says they are the same kind.
 */
public final class BenchmarkMachine {

    private BenchmarkMachine() {
    }

    /** "2 cores (AMD EPYC)": the cores this JVM may use and the CPU's model name, where Linux tells it. */
    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + ")";
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("CPU model unknown");
        } catch (IOException e) {
            return "CPU model unknown: " + e.getMessage();
        }
    }
}
