package com.speeddata.scoring.model;

import com.speeddata.scoring.manifest.InvalidModelException;
import com.speeddata.scoring.manifest.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The models a process can score with: the bundled ones (from the classpath) and, optionally,
 * extra artifacts from a directory. Immutable and thread-safe.
 *
 * <p>Order of {@link #models()}: the default first, then the other bundled models, then the
 * extra ones by file name.
 */
public final class ModelRegistry {

    /** Name of the bundled default model. */
    public static final String DEFAULT_MODEL_NAME = "finance-wire";
    /** Bundled artifacts, under {@link #RESOURCE_DIR} on the classpath. */
    static final List<String> BUNDLED_FILES = List.of(
            "finance-wire.model",
            "finance.model",
            "finance-news.model",
            "finance-news-learned.model",
            "vader-baseline.model");

    private static final String RESOURCE_DIR = "com/speeddata/scoring/models/";
    /** Extra artifacts are the regular files in the directory whose names end with this. */
    public static final String MODEL_FILE_SUFFIX = ".model";
    /** Larger files are refused unread. */
    public static final long MAX_MODEL_BYTES = 16L * 1024 * 1024;

    private final List<Model> models;
    private final Model defaultModel;
    private final Map<String, Model> bySha;

    private ModelRegistry(List<Model> models) {
        this.models = List.copyOf(models);
        this.defaultModel = models.stream()
                .filter(Model::isDefault)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no default model among " + models));
        Map<String, Model> index = new LinkedHashMap<>();
        models.forEach(model -> index.put(model.sha(), model));
        this.bySha = Map.copyOf(index);
    }

    /** The bundled models only. */
    public static ModelRegistry bundled() {
        return new ModelRegistry(Bundled.models());
    }

    /**
     * The bundled models plus every {@code *.model} file directly in {@code modelsDir}
     * (hidden files and other names are ignored).
     *
     * @throws ModelLoadException if the directory or a file cannot be read
     * @throws InvalidModelException if a file is not a canonical manifest
     * @throws IncompatibleModelException if a file is for another scorer version
     * @throws DuplicateModelException if two different models share a name
     */
    public static ModelRegistry load(Path modelsDir) {
        Objects.requireNonNull(modelsDir, "modelsDir");
        List<Model> models = new ArrayList<>(Bundled.models());
        Map<String, String> sources = new LinkedHashMap<>();
        Bundled.models().forEach(model -> sources.put(model.name(), "classpath:" + model.name()));
        for (Path file : modelFiles(modelsDir)) {
            String source = file.toString();
            Model model = Model.compile(source, ModelManifest.parseCanonical(source, read(file)), false);
            Optional<Model> sameName =
                    models.stream().filter(m -> m.name().equals(model.name())).findFirst();
            if (sameName.isPresent()) {
                if (sameName.get().sha().equals(model.sha())) {
                    continue;
                }
                throw new DuplicateModelException(model.name(), sources.get(model.name()), source);
            }
            sources.put(model.name(), source);
            models.add(model);
        }
        return new ModelRegistry(models);
    }

    public List<Model> models() {
        return models;
    }

    public Model defaultModel() {
        return defaultModel;
    }

    /** The model with this SHA (64 hex digits, either case), if loaded. */
    public Optional<Model> find(String sha) {
        Objects.requireNonNull(sha, "sha");
        return Optional.ofNullable(bySha.get(sha.toLowerCase(Locale.ROOT)));
    }

    public Optional<Model> findByName(String name) {
        Objects.requireNonNull(name, "name");
        return models.stream().filter(model -> model.name().equals(name)).findFirst();
    }

    private static List<Path> modelFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(dir.toString(), "not a directory", null);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.endsWith(MODEL_FILE_SUFFIX) && !name.startsWith(".") && Files.isRegularFile(path);
                    })
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new ModelLoadException(dir.toString(), "cannot list directory: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_MODEL_BYTES) {
                throw new InvalidModelException(
                        file.toString(),
                        0,
                        "file has " + size + " bytes, more than the " + MAX_MODEL_BYTES + " allowed");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelLoadException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** The bundled models, read and compiled once per class loader (a racing second load is harmless). */
    private static final class Bundled {

        private static volatile List<Model> models;

        static List<Model> models() {
            List<Model> loaded = models;
            if (loaded == null) {
                loaded = load();
                models = loaded;
            }
            return loaded;
        }

        private static List<Model> load() {
            List<Model> models = new ArrayList<>();
            for (String file : BUNDLED_FILES) {
                String source = "classpath:" + RESOURCE_DIR + file;
                ModelManifest manifest = ModelManifest.parseCanonical(source, resource(source, file));
                models.add(Model.compile(source, manifest, manifest.name().equals(DEFAULT_MODEL_NAME)));
            }
            return List.copyOf(models);
        }

        private static byte[] resource(String source, String file) {
            try (InputStream in = ModelRegistry.class.getResourceAsStream("/" + RESOURCE_DIR + file)) {
                if (in == null) {
                    throw new ModelLoadException(source, "resource missing", null);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ModelLoadException(source, "cannot read: " + e.getMessage(), e);
            }
        }
    }
}
