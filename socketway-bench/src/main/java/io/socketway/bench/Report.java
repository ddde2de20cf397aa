package io.socketway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects {@link Result} rows and free-form lines, and writes them as one Markdown document. Thread-safe
 * (synchronized).
 */
final class Report {
    private final BenchConfig config;
    private final List<Result> rows = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    Report(BenchConfig config) {
        this.config = config;
    }

    synchronized void add(Result r) {
        rows.add(r);
        System.out.println(row(r));
        System.out.flush();
    }

    synchronized void line(String text) {
        lines.add(text);
        System.out.println(text);
        System.out.flush();
    }

    synchronized List<Result> rows() {
        return List.copyOf(rows);
    }

    /** Writes header, table and extra lines to {@link BenchConfig#out()}. */
    synchronized void write(String header) throws IOException {
        StringBuilder md = new StringBuilder(header).append("\n\n");
        md.append("| scenario | server | round | ops/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | server CPU (cores) | server µs/op | client CPU (cores) | RSS MB | note |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(row(r)).append('\n'));
        md.append('\n');
        lines.forEach(l -> md.append(l).append('\n'));
        Files.createDirectories(config.out().toAbsolutePath().getParent());
        Files.writeString(config.out(), md, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static String row(Result r) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %s | %s | %s | %s | %s | %d | %.2f | %s | %.2f | %.0f | %s |",
                r.scenario(), r.server(), r.round(), r.rate(), f(r.p50()), f(r.p90()), f(r.p99()), f(r.p999()),
                f(r.max()), r.errors(), r.serverCpu(), f(r.cpuMicrosPerOp()), r.clientCpu(), r.rssMb(), r.note());
    }

    static String f(double v) {
        return v < 0 || Double.isNaN(v) ? "-" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
