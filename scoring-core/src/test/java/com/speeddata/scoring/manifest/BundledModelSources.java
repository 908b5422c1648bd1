package com.speeddata.scoring.manifest;

import com.speeddata.scoring.rules.ScorerVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the bundled models are made: a hand-written source file per model (everything but the
 * lexicon, lenient format, in test resources {@code model-src/}) plus the vendored VADER terms.
 * A source's own {@code term} lines override VADER's. A model may list further sources after
 * its first: overlays, applied in order (see {@link #overlay}). The scorer version is always
 * {@link ScorerVersion#CURRENT}.
 */
public final class BundledModelSources {

    static final Path SOURCE_DIR = Path.of("scoring-core/src/test/resources/com/speeddata/scoring/model-src");
    static final Path MODEL_DIR = Path.of("scoring-core/src/main/resources/com/speeddata/scoring/models");
    /** artifact → its source files: a full source, then overlays. */
    public static final Map<String, List<String>> SOURCES = Map.of(
            "vader-baseline.model", List.of("vader-baseline.txt"),
            "finance.model", List.of("finance.txt"),
            "finance-news.model", List.of("finance.txt", "finance-news.txt"),
            "finance-news-learned.model",
                    List.of("finance.txt", "finance-news.txt", BundledModelSources.LEARNED_OVERLAY),
            "finance-wire.model", List.of("finance.txt", "finance-news.txt", "finance-wire.txt"));
    /**
     * The overlay {@code scripts/scoring-models train} writes: the learned layer that makes finance-news-learned
     * (opt-in) from the finance-news rules.
     */
    public static final String LEARNED_OVERLAY = "finance-news-learned.txt";
    /** Where the sources are, from the repository root. */
    public static final Path SOURCES_ON_DISK = SOURCE_DIR;

    private BundledModelSources() {}

    private static ModelManifest parseSource(String sourceName, String sourceText) {
        return ModelManifest.parseLenient(
                sourceName, "meta\tscorer_version\t" + ScorerVersion.CURRENT + "\n" + sourceText);
    }

    /** The model built from a parsed full source and the lexicon terms (the source's own terms win). */
    private static ModelManifest build(ModelManifest source, Map<String, Double> lexicon) {
        ManifestDraft draft = ManifestDraft.of(source);
        draft.terms.clear();
        draft.terms.putAll(lexicon);
        draft.terms.putAll(source.terms());
        return draft.build();
    }

    /** The model built from its sources (name → text, in order): the first as above, then each overlay. */
    public static ModelManifest build(Map<String, String> sources, Map<String, Double> lexicon) {
        var entries = List.copyOf(sources.entrySet());
        ModelManifest first =
                parseSource(entries.get(0).getKey(), entries.get(0).getValue());
        ModelManifest manifest = build(first, lexicon);
        Sourced sourced = new Sourced(new HashSet<>(first.terms().keySet()), lexicon.keySet());
        for (var overlay : entries.subList(1, entries.size())) {
            manifest = overlay(manifest, overlay.getKey(), overlay.getValue(), sourced);
        }
        return manifest;
    }

    /**
     * What {@code drop_general_terms} needs to know: the terms some source set (so far), and the general-language
     * lexicon's words.
     */
    private record Sourced(Set<String> sourceTerms, Set<String> lexiconWords) {}

    /**
     * An overlay source: lines as in a lenient manifest (TAB-separated, {@code #} comments and blank
     * lines ignored), each replacing or adding its (kind, key) in the base model; {@code drop<TAB>kind<TAB>key}
     * removes one. {@code meta name} and {@code meta description} are required, so an overlay always
     * makes a model of its own. {@code drop_general_terms} (only in the sources of a bundled model) removes every
     * lexicon term that no source before it set.
     */
    public static ModelManifest overlay(ModelManifest base, String sourceName, String text) {
        return overlay(base, sourceName, text, null);
    }

    private static ModelManifest overlay(ModelManifest base, String sourceName, String text, Sourced sourced) {
        ManifestDraft draft = ManifestDraft.of(base);
        draft.name = null;
        draft.description = null;
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String[] f = content.split("\t");
            try {
                applyOverlayLine(draft, f, sourced);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(sourceName + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return draft.build();
    }

    private static void applyOverlayLine(ManifestDraft draft, String[] f, Sourced sourced) {
        switch (f[0]) {
            case "meta" -> {
                if (f[1].equals("name")) {
                    draft.name = f[2];
                } else if (f[1].equals("description")) {
                    draft.description = f[2];
                } else {
                    throw new IllegalArgumentException("an overlay sets only meta name and description");
                }
            }
            case "param" ->
                draft.params.put(
                        Param.fromKey(f[1]).orElseThrow(() -> new IllegalArgumentException("unknown param " + f[1])),
                        Double.parseDouble(f[2]));
            case "term" -> {
                draft.terms.put(f[1], Double.parseDouble(f[2]));
                if (sourced != null) {
                    sourced.sourceTerms().add(f[1]);
                }
            }
            case "booster" -> draft.boosters.put(f[1], Double.parseDouble(f[2]));
            case "phrase" -> draft.phrases.put(f[1], Double.parseDouble(f[2]));
            case "metric" -> draft.metrics.put(f[1], Double.parseDouble(f[2]));
            case "direction" -> draft.directions.put(f[1], Double.parseDouble(f[2]));
            case "negation" -> draft.negations.add(f[1]);
            case "rule_weight" -> draft.ruleWeights.put(f[1], Double.parseDouble(f[2]));
            case "ngram" -> draft.ngrams.put(f[1], Double.parseDouble(f[2]));
            case "contrast" ->
                draft.contrasts.put(f[1], new Contrast(Double.parseDouble(f[2]), Double.parseDouble(f[3])));
            case "drop" -> drop(draft, f[1], f[2]);
            case "drop_general_terms" -> dropGeneralTerms(draft, sourced);
            default -> throw new IllegalArgumentException("unknown kind " + f[0]);
        }
    }

    /**
     * Removes the general-language lexicon's terms that no source (before it, or earlier in the same file) set:
     * "disaster", "good", "growth" go; "approves" (which finance.txt sets to VADER's own valence) and "crisis" (which
     * finance-news.txt sets to 0) stay as the finance sources set them.
     */
    private static void dropGeneralTerms(ManifestDraft draft, Sourced sourced) {
        if (sourced == null) {
            throw new IllegalArgumentException("drop_general_terms needs the sources before it (a bundled model's)");
        }
        draft.terms
                .keySet()
                .removeIf(word -> sourced.lexiconWords().contains(word)
                        && !sourced.sourceTerms().contains(word));
    }

    private static void drop(ManifestDraft draft, String kind, String key) {
        boolean removed =
                switch (kind) {
                    case "term" -> draft.terms.remove(key) != null;
                    case "booster" -> draft.boosters.remove(key) != null;
                    case "phrase" -> draft.phrases.remove(key) != null;
                    case "metric" -> draft.metrics.remove(key) != null;
                    case "direction" -> draft.directions.remove(key) != null;
                    case "negation" -> draft.negations.remove(key);
                    case "contrast" -> draft.contrasts.remove(key) != null;
                    default -> throw new IllegalArgumentException("cannot drop kind " + kind);
                };
        if (!removed) {
            throw new IllegalArgumentException("nothing to drop: " + kind + " '" + key + "'");
        }
    }

    /** The model of a bundled artifact's sources before its learned overlay: the rules the layer learns over. */
    public static ModelManifest ruleBase(String artifact) {
        Map<String, String> sources = sourceResources(artifact);
        sources.remove(LEARNED_OVERLAY);
        return build(sources, vendoredVaderTerms());
    }

    /** The sources of a bundled artifact from the test classpath, name → text, in order. */
    public static Map<String, String> sourceResources(String artifact) {
        Map<String, String> sources = new LinkedHashMap<>();
        SOURCES.get(artifact).forEach(source -> sources.put(source, sourceResource(source)));
        return sources;
    }

    /** Source text from the test classpath. */
    static String sourceResource(String sourceFile) {
        return new String(resource("model-src/" + sourceFile), StandardCharsets.UTF_8);
    }

    /** The VADER terms as vendored in the bundled baseline (which has no terms of its own). */
    public static Map<String, Double> vendoredVaderTerms() {
        byte[] bytes = resource("models/vader-baseline.model");
        return ModelManifest.parseCanonical("vader-baseline.model", bytes).terms();
    }

    /** A resource under {@code com/speeddata/scoring/} on the classpath, such as {@code models/finance.model}. */
    public static byte[] resource(String name) {
        try (var in = BundledModelSources.class.getResourceAsStream("/com/speeddata/scoring/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes every bundled model from the source files on disk; prints name and SHA. */
    static void writeAll(Map<String, Double> lexicon) throws IOException {
        Map<String, String> shas = new LinkedHashMap<>();
        for (var entry : new java.util.TreeMap<>(SOURCES).entrySet()) {
            Map<String, String> sources = new LinkedHashMap<>();
            for (String source : entry.getValue()) {
                sources.put(source, Files.readString(SOURCE_DIR.resolve(source), StandardCharsets.UTF_8));
            }
            ModelManifest manifest = build(sources, lexicon);
            Files.write(MODEL_DIR.resolve(entry.getKey()), manifest.toCanonicalBytes());
            shas.put(entry.getKey(), manifest.sha256());
        }
        shas.forEach((file, sha) -> System.out.println(sha + "  " + file));
    }
}
