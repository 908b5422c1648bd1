package com.speeddata.scoring.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything a model is: lexicon, rule tables, parameters and the scorer version it was made
 * for. Its canonical bytes ({@link #toCanonicalBytes()}; the format is specified in
 * scoring-core/README.md) are the model artifact, and their SHA-256 is the model SHA.
 *
 * @param name          short unique name, {@code [a-z0-9][a-z0-9._-]{0,63}}
 * @param scorerVersion the {@code ScorerVersion} the model is for
 * @param description   one line of text, no tabs or control characters
 * @param params        a value for every required {@link Param}; optional ones left out get their default
 * @param terms         word → valence (about -4..4; 0 neutralises a word)
 * @param boosters      intensifier (positive) or dampener (negative) word → scalar
 * @param negations     words that flip the valence of what follows
 * @param phrases       space-separated words → valence; replaces the words' own valences
 * @param contrasts     contrast word → weights before and after it
 * @param metrics       metric word → polarity (+1 up is good, -1 up is bad, 0 neutral)
 * @param directions    direction word → signed movement (+ up, - down)
 * @param ruleWeights   the learned layer's scale for each rule and sign ({@link #RULE_WEIGHT_KEYS}, all or none)
 * @param ngrams        the learned layer's weight for each word or word pair ("profit", "order worth"); only with
 *                      rule weights. Empty maps: a rules-only model
 */
public record ModelManifest(
        String name,
        int scorerVersion,
        String description,
        Map<Param, Double> params,
        Map<String, Double> terms,
        Map<String, Double> boosters,
        Set<String> negations,
        Map<String, Double> phrases,
        Map<String, Contrast> contrasts,
        Map<String, Double> metrics,
        Map<String, Double> directions,
        Map<String, Double> ruleWeights,
        Map<String, Double> ngrams) {

    /** The rules whose items a learned layer scales, by their names in explanations. */
    public static final List<String> LEARNED_RULES =
            List.of("phrase", "numeric_comparison", "direction_metric", "term", "bare_direction", "punctuation");
    /** Keys of {@code rule_weight} entries: each rule of {@link #LEARNED_RULES}, then ".positive" or ".negative". */
    public static final List<String> RULE_WEIGHT_KEYS = LEARNED_RULES.stream()
            .flatMap(rule -> Stream.of(rule + ".positive", rule + ".negative"))
            .toList();

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MAX_DESCRIPTION_LENGTH = 200;

    public ModelManifest {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name must match " + NAME + ", was '" + name + "'");
        }
        if (scorerVersion < 1) {
            throw new IllegalArgumentException("scorer_version must be at least 1, was " + scorerVersion);
        }
        requireDescription(description);
        params = copyParams(params);
        terms = copyValues("term", terms, -10, 10, false);
        boosters = copyValues("booster", boosters, -4, 4, false);
        negations = copyWords(negations);
        phrases = copyValues("phrase", phrases, -10, 10, true);
        contrasts = copyContrasts(contrasts);
        metrics = copyValues("metric", metrics, -2, 2, false);
        directions = copyValues("direction", directions, -10, 10, false);
        ruleWeights = copyRuleWeights(ruleWeights);
        ngrams = copyNgrams(ngrams, !ruleWeights.isEmpty());
    }

    /** A rules-only model: no learned layer. */
    public ModelManifest(
            String name,
            int scorerVersion,
            String description,
            Map<Param, Double> params,
            Map<String, Double> terms,
            Map<String, Double> boosters,
            Set<String> negations,
            Map<String, Double> phrases,
            Map<String, Contrast> contrasts,
            Map<String, Double> metrics,
            Map<String, Double> directions) {
        this(
                name,
                scorerVersion,
                description,
                params,
                terms,
                boosters,
                negations,
                phrases,
                contrasts,
                metrics,
                directions,
                Map.of(),
                Map.of());
    }

    /** True when the model has a learned layer over its rules (rule weights and n-gram weights). */
    public boolean isLearned() {
        return !ruleWeights.isEmpty();
    }

    /** The canonical artifact bytes: hash these, store these, ship these. */
    public byte[] toCanonicalBytes() {
        return ManifestWriter.write(this);
    }

    /** Lower-case hex SHA-256 of the canonical bytes: the model SHA. */
    public String sha256() {
        return sha256(toCanonicalBytes());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads a canonical manifest and refuses anything else (other encodings, CR, a BOM,
     * unsorted or duplicate lines, numbers like {@code 1.50} or {@code 1e0}), so that one
     * model always has one SHA.
     *
     * @throws InvalidModelException naming the line at fault
     */
    public static ModelManifest parseCanonical(String source, byte[] bytes) {
        return ManifestParser.parseCanonical(source, bytes);
    }

    /**
     * Reads a hand-written manifest: CRLF, a BOM, blank lines, {@code #} comments, any line
     * order and numbers like {@code +1.50} are accepted; write it back with
     * {@link #toCanonicalBytes()} to get the artifact. Duplicates are still refused.
     */
    public static ModelManifest parseLenient(String source, String text) {
        return ManifestParser.parseLenient(source, text);
    }

    public double param(Param param) {
        return params.get(param);
    }

    /** The same model for another scorer version (a new SHA). */
    public ModelManifest withScorerVersion(int version) {
        return with(version, params);
    }

    /** The same model with one parameter changed (a new SHA). */
    public ModelManifest withParam(Param param, double value) {
        Map<Param, Double> changed = new EnumMap<>(params);
        changed.put(param, value);
        return with(scorerVersion, changed);
    }

    private ModelManifest with(int version, Map<Param, Double> newParams) {
        return new ModelManifest(
                name,
                version,
                description,
                newParams,
                terms,
                boosters,
                negations,
                phrases,
                contrasts,
                metrics,
                directions,
                ruleWeights,
                ngrams);
    }

    private static void requireDescription(String description) {
        Objects.requireNonNull(description, "description");
        if (description.isBlank()
                || description.length() > MAX_DESCRIPTION_LENGTH
                || !description.strip().equals(description)) {
            throw new IllegalArgumentException("description must be 1 to " + MAX_DESCRIPTION_LENGTH
                    + " characters without surrounding spaces, was '" + description + "'");
        }
        description.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                throw new IllegalArgumentException(
                        "description must not contain control characters: '" + description + "'");
            }
        });
    }

    private static Map<Param, Double> copyParams(Map<Param, Double> params) {
        Objects.requireNonNull(params, "params");
        EnumMap<Param, Double> copy = new EnumMap<>(Param.class);
        for (Param param : Param.values()) {
            Double value = params.get(param);
            if (value == null && param.isOptional()) {
                value = param.defaultValue();
            }
            if (value == null) {
                throw new IllegalArgumentException("param " + param.key() + " is missing");
            }
            param.check(value);
            copy.put(param, value);
        }
        return Collections.unmodifiableMap(copy);
    }

    private static SortedMap<String, Double> copyValues(
            String kind, Map<String, Double> values, double min, double max, boolean phrase) {
        Objects.requireNonNull(values, kind + "s");
        TreeMap<String, Double> copy = new TreeMap<>();
        values.forEach((key, value) -> {
            Objects.requireNonNull(key, kind + " key");
            Objects.requireNonNull(value, kind + " " + key);
            if (kind.equals("ngram")) {
                Words.requireNgram(kind, key);
            } else if (phrase) {
                Words.requirePhrase(kind, key);
            } else {
                Words.requireWord(kind, key);
            }
            CanonicalNumber.requireInRange(kind + " " + key, value, min, max);
            copy.put(key, value);
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    private static SortedMap<String, Double> copyRuleWeights(Map<String, Double> weights) {
        Objects.requireNonNull(weights, "ruleWeights");
        for (String key : weights.keySet()) {
            requireRuleWeightKey(key);
        }
        if (!weights.isEmpty() && weights.size() != RULE_WEIGHT_KEYS.size()) {
            List<String> missing = RULE_WEIGHT_KEYS.stream()
                    .filter(key -> !weights.containsKey(key))
                    .toList();
            throw new IllegalArgumentException("a learned layer needs every rule_weight; missing " + missing);
        }
        return copyValues("rule_weight", weights, -10, 10, false);
    }

    static void requireRuleWeightKey(String key) {
        if (!RULE_WEIGHT_KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown rule_weight '" + key + "'; known: " + RULE_WEIGHT_KEYS);
        }
    }

    private static SortedMap<String, Double> copyNgrams(Map<String, Double> ngrams, boolean learned) {
        Objects.requireNonNull(ngrams, "ngrams");
        if (!ngrams.isEmpty() && !learned) {
            throw new IllegalArgumentException("ngram entries need the rule_weight entries of a learned layer");
        }
        return copyValues("ngram", ngrams, -10, 10, true);
    }

    private static Set<String> copyWords(Set<String> words) {
        Objects.requireNonNull(words, "negations");
        TreeSet<String> copy = new TreeSet<>();
        for (String word : words) {
            Words.requireWord("negation", Objects.requireNonNull(word, "negation"));
            copy.add(word);
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    private static SortedMap<String, Contrast> copyContrasts(Map<String, Contrast> contrasts) {
        Objects.requireNonNull(contrasts, "contrasts");
        TreeMap<String, Contrast> copy = new TreeMap<>();
        BiConsumer<String, Contrast> add = (key, contrast) -> {
            Words.requireWord("contrast", Objects.requireNonNull(key, "contrast key"));
            copy.put(key, Objects.requireNonNull(contrast, "contrast " + key));
        };
        contrasts.forEach(add);
        return Collections.unmodifiableSortedMap(copy);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
