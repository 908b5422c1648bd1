package com.speeddata.scoring.manifest;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the canonical form: UTF-8, no BOM, LF after every line including the last, the
 * header line first, then one entry per line as TAB-separated fields, sorted by the unsigned
 * bytes of their UTF-8 encoding, numbers as {@link CanonicalNumber} writes them.
 */
final class ManifestWriter {

    static final String HEADER = "speeddata-sentiment-model\t1";

    private ManifestWriter() {}

    static byte[] write(ModelManifest manifest) {
        List<byte[]> lines = new ArrayList<>();
        add(lines, "meta", "name", manifest.name());
        add(lines, "meta", "scorer_version", Integer.toString(manifest.scorerVersion()));
        add(lines, "meta", "description", manifest.description());
        manifest.params().forEach((param, value) -> {
            if (!param.omittedAt(value)) {
                add(lines, "param", param.key(), CanonicalNumber.format(value));
            }
        });
        addValues(lines, "term", manifest.terms());
        addValues(lines, "booster", manifest.boosters());
        manifest.negations().forEach(word -> lines.add(ModelManifest.utf8("negation\t" + word)));
        addValues(lines, "phrase", manifest.phrases());
        manifest.contrasts()
                .forEach((word, contrast) -> add(
                        lines,
                        "contrast",
                        word,
                        CanonicalNumber.format(contrast.before()) + "\t" + CanonicalNumber.format(contrast.after())));
        addValues(lines, "metric", manifest.metrics());
        addValues(lines, "direction", manifest.directions());
        addValues(lines, "rule_weight", manifest.ruleWeights());
        addValues(lines, "ngram", manifest.ngrams());
        lines.sort(Arrays::compareUnsigned);

        ByteArrayOutputStream out = new ByteArrayOutputStream(lines.size() * 24);
        out.writeBytes(ModelManifest.utf8(HEADER));
        out.write('\n');
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void addValues(List<byte[]> lines, String kind, Map<String, Double> values) {
        values.forEach((key, value) -> add(lines, kind, key, CanonicalNumber.format(value)));
    }

    private static void add(List<byte[]> lines, String kind, String key, String value) {
        lines.add(ModelManifest.utf8(kind + "\t" + key + "\t" + value));
    }
}
