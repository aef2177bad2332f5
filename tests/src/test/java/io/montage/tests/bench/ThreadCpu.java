package io.montage.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads over an interval, grouped by name (numbers dropped), read from
 * /proc/self/task: Java threads and the JVM's own (JIT compilers, garbage collectors) and native
 * library threads alike. Linux truncates thread names to 15 characters.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, Long> start = ticksByThread();

    /** Milliseconds of CPU per group of threads since construction, largest first. */
    String report() {
        Map<String, Long> now = ticksByThread();
        Map<String, Long> byGroup = new TreeMap<>();
        now.forEach((thread, ticks) -> byGroup.merge(group(thread), ticks - start.getOrDefault(thread, 0L), Long::sum));
        return byGroup.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue() * 1000 / TICKS_PER_SECOND))
                .collect(Collectors.joining(", "));
    }

    /** "tid:name" → user + system ticks, for every thread of this process. */
    private static Map<String, Long> ticksByThread() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // Fields 14 and 15 of /proc/[pid]/stat (utime, stime) are the 12th and 13th after the name.
                    ticks.put(task.getFileName() + ":" + name, Long.parseLong(after[11]) + Long.parseLong(after[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    private static String group(String thread) {
        return thread.substring(thread.indexOf(':') + 1).replaceAll("\\d+", "#");
    }
}
