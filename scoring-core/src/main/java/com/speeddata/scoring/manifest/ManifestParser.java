package com.speeddata.scoring.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Reads manifests: strictly (canonical bytes only) or leniently (hand-written text). */
final class ManifestParser {

    static final List<String> KINDS = List.of(
            "meta",
            "param",
            "term",
            "booster",
            "negation",
            "phrase",
            "contrast",
            "metric",
            "direction",
            "rule_weight",
            "ngram");
    private static final String NUMBER_EXAMPLES = "0, 15, -0.74, 0.293 (plain decimal, at most 6 fraction digits,"
            + " no trailing zeros, no '+', no exponent)";

    private final String source;
    private final boolean canonical;
    private final Function<String, Optional<Double>> numbers;
    private final ManifestDraft draft = new ManifestDraft();

    private ManifestParser(String source, boolean canonical, Function<String, Optional<Double>> numbers) {
        this.source = source;
        this.canonical = canonical;
        this.numbers = numbers;
    }

    static ModelManifest parseCanonical(String source, byte[] bytes) {
        ManifestParser parser = new ManifestParser(source, true, CanonicalNumber::parseCanonical);
        String text = parser.decodeStrictly(bytes);
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (!lines[0].equals(ManifestWriter.HEADER)) {
            throw parser.invalid(1, "first line must be '" + ManifestWriter.HEADER.replace("\t", "\\t") + "'");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                throw parser.invalid(i + 1, "empty line");
            }
            parser.entry(i + 1, lines[i]);
        }
        ModelManifest manifest = parser.build();
        parser.requireSameBytes(bytes, manifest.toCanonicalBytes());
        return manifest;
    }

    static ModelManifest parseLenient(String source, String text) {
        ManifestParser parser = new ManifestParser(source, false, CanonicalNumber::parseLenient);
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#") || line.equals(ManifestWriter.HEADER)) {
                continue;
            }
            parser.entry(i + 1, line);
        }
        return parser.build();
    }

    private String decodeStrictly(byte[] bytes) {
        if (bytes.length == 0) {
            throw invalid(1, "empty file; the first line must be '" + ManifestWriter.HEADER.replace("\t", "\\t") + "'");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            throw invalid(1, "byte order mark (canonical manifests are UTF-8 without BOM)");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw invalid(lineAt(bytes, in.position()), "not valid UTF-8 at byte offset " + in.position());
        }
        decoder.flush(out);
        String text = out.flip().toString();
        int cr = text.indexOf('\r');
        if (cr >= 0) {
            throw invalid(lineAt(text, cr), "carriage return (line ends must be LF only)");
        }
        if (text.charAt(text.length() - 1) != '\n') {
            throw invalid(lineAt(text, text.length() - 1), "missing line feed after the last line");
        }
        return text;
    }

    private void entry(int line, String text) {
        String[] fields = text.split("\t", -1);
        String kind = fields[0];
        try {
            switch (kind) {
                case "meta" -> meta(line, fields);
                case "param" -> param(line, fields);
                case "term" -> putNew(line, kind, fields, draft.terms, Words::requireWord);
                case "booster" -> putNew(line, kind, fields, draft.boosters, Words::requireWord);
                case "phrase" -> putNew(line, kind, fields, draft.phrases, Words::requirePhrase);
                case "metric" -> putNew(line, kind, fields, draft.metrics, Words::requireWord);
                case "direction" -> putNew(line, kind, fields, draft.directions, Words::requireWord);
                case "rule_weight" ->
                    putNew(
                            line,
                            kind,
                            fields,
                            draft.ruleWeights,
                            (what, key) -> ModelManifest.requireRuleWeightKey(key));
                case "ngram" -> putNew(line, kind, fields, draft.ngrams, Words::requireNgram);
                case "negation" -> negation(line, fields);
                case "contrast" -> contrast(line, fields);
                default -> throw invalid(line, "unknown entry kind '" + kind + "'; known kinds: " + KINDS);
            }
        } catch (IllegalArgumentException e) {
            throw invalid(line, e.getMessage());
        }
    }

    private void meta(int line, String[] fields) {
        requireFields(line, fields, 3, "meta\\t<name|scorer_version|description>\\t<value>");
        String key = fields[1];
        String value = fields[2];
        switch (key) {
            case "name" -> draft.name = once(line, "meta name", draft.name, value);
            case "description" -> draft.description = once(line, "meta description", draft.description, value);
            case "scorer_version" -> {
                double number = number(line, value);
                if (number != Math.rint(number) || number < 1 || number > Integer.MAX_VALUE) {
                    throw invalid(line, "scorer_version must be a positive whole number, was '" + value + "'");
                }
                draft.scorerVersion = once(line, "meta scorer_version", draft.scorerVersion, (int) number);
            }
            default ->
                throw invalid(line, "unknown meta key '" + key + "'; known: [description, name, scorer_version]");
        }
    }

    private void param(int line, String[] fields) {
        requireFields(line, fields, 3, "param\\t<key>\\t<number>");
        Param param = Param.fromKey(fields[1])
                .orElseThrow(() -> invalid(
                        line,
                        "unknown param '" + fields[1] + "'; known: "
                                + Arrays.stream(Param.values()).map(Param::key).toList()));
        double value = number(line, fields[2]);
        param.check(value);
        if (canonical && param.omittedAt(value)) {
            throw invalid(
                    line,
                    "param " + param.key() + " is optional and at its default " + fields[2]
                            + "; a canonical manifest leaves it out");
        }
        if (draft.params.putIfAbsent(param, value) != null) {
            throw invalid(line, "duplicate param " + param.key());
        }
    }

    private void putNew(
            int line, String kind, String[] fields, Map<String, Double> into, BiConsumer<String, String> keyCheck) {
        requireFields(line, fields, 3, kind + "\\t<key>\\t<number>");
        keyCheck.accept(kind, fields[1]);
        double value = number(line, fields[2]);
        if (into.putIfAbsent(fields[1], value) != null) {
            throw invalid(line, "duplicate " + kind + " '" + fields[1] + "'");
        }
    }

    private void negation(int line, String[] fields) {
        requireFields(line, fields, 2, "negation\\t<word>");
        Words.requireWord("negation", fields[1]);
        if (!draft.negations.add(fields[1])) {
            throw invalid(line, "duplicate negation '" + fields[1] + "'");
        }
    }

    private void contrast(int line, String[] fields) {
        requireFields(line, fields, 4, "contrast\\t<word>\\t<before>\\t<after>");
        Words.requireWord("contrast", fields[1]);
        Contrast contrast = new Contrast(number(line, fields[2]), number(line, fields[3]));
        if (draft.contrasts.putIfAbsent(fields[1], contrast) != null) {
            throw invalid(line, "duplicate contrast '" + fields[1] + "'");
        }
    }

    private double number(int line, String text) {
        return numbers.apply(text)
                .orElseThrow(() -> invalid(line, "'" + text + "' is not a number written as " + NUMBER_EXAMPLES));
    }

    private <T> T once(int line, String what, T existing, T value) {
        if (existing != null) {
            throw invalid(line, "duplicate " + what);
        }
        return value;
    }

    private void requireFields(int line, String[] fields, int count, String shape) {
        if (fields.length != count) {
            throw invalid(line, "expected " + count + " tab-separated fields (" + shape + "), found " + fields.length);
        }
    }

    private ModelManifest build() {
        try {
            return draft.build();
        } catch (IllegalArgumentException e) {
            throw invalid(0, e.getMessage());
        }
    }

    private void requireSameBytes(byte[] actual, byte[] canonical) {
        if (Arrays.equals(actual, canonical)) {
            return;
        }
        String[] got = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        String[] want = new String(canonical, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(got.length, want.length); i++) {
            if (!got[i].equals(want[i])) {
                throw invalid(
                        i + 1,
                        "not canonical: expected '" + want[i].replace("\t", "\\t") + "' here, found '"
                                + got[i].replace("\t", "\\t") + "' (entries are sorted by their UTF-8 bytes)");
            }
        }
        throw invalid(Math.min(got.length, want.length), "not canonical: line count differs");
    }

    private InvalidModelException invalid(int line, String problem) {
        return new InvalidModelException(source, line, problem);
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
