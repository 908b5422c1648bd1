package com.speeddata.scoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the bundled models are made: a hand-written source file per model (everything but the
 * lexicon, lenient format, in test resources {@code model-src/}) plus the vendored VADER terms.
 * A source's own {@code term} lines override VADER's. The scorer version is always
 * {@link ScorerVersion#CURRENT}.
 */
final class BundledModelSources {

    static final Path SOURCE_DIR = Path.of("scoring-core/src/test/resources/com/speeddata/scoring/model-src");
    static final Path MODEL_DIR = Path.of("scoring-core/src/main/resources/com/speeddata/scoring/models");
    static final Map<String, String> SOURCES = Map.of(
            "vader-baseline.model", "vader-baseline.txt",
            "finance.model", "finance.txt");

    private BundledModelSources() {
    }

    /** The model built from a source text and the lexicon terms. */
    static ModelManifest build(String sourceName, String sourceText, Map<String, Double> lexicon) {
        ModelManifest source = ModelManifest.parseLenient(sourceName,
                "meta\tscorer_version\t" + ScorerVersion.CURRENT + "\n" + sourceText);
        ManifestDraft draft = ManifestDraft.of(source);
        draft.terms.clear();
        draft.terms.putAll(lexicon);
        draft.terms.putAll(source.terms());
        return draft.build();
    }

    /** Source text from the test classpath. */
    static String sourceResource(String sourceFile) {
        return new String(resource("model-src/" + sourceFile), StandardCharsets.UTF_8);
    }

    /** The VADER terms as vendored in the bundled baseline (which has no terms of its own). */
    static Map<String, Double> vendoredVaderTerms() {
        byte[] bytes = resource("models/vader-baseline.model");
        return ModelManifest.parseCanonical("vader-baseline.model", bytes).terms();
    }

    static byte[] resource(String name) {
        try (var in = BundledModelSources.class.getResourceAsStream(name)) {
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
            String text = Files.readString(SOURCE_DIR.resolve(entry.getValue()), StandardCharsets.UTF_8);
            ModelManifest manifest = build(entry.getValue(), text, lexicon);
            Files.write(MODEL_DIR.resolve(entry.getKey()), manifest.toCanonicalBytes());
            shas.put(entry.getKey(), manifest.sha256());
        }
        shas.forEach((file, sha) -> System.out.println(sha + "  " + file));
    }
}
