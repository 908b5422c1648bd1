package com.speeddata.scoring.manifest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintainer tool for the bundled models, run from the repository root through
 * {@code scripts/scoring-models}:
 *
 * <pre>
 *   import-vader &lt;vader_sentiment_lexicon.txt&gt;   vendor the VADER lexicon (word and mean only) and rebuild
 *   rebuild                                       rebuild every bundled model from model-src/ and the vendored terms
 * </pre>
 */
public final class ModelTool {

    private ModelTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("import-vader")) {
            BundledModelSources.writeAll(readVaderLexicon(Path.of(args[1])));
        } else if (args.length == 1 && args[0].equals("rebuild")) {
            byte[] baseline = Files.readAllBytes(BundledModelSources.MODEL_DIR.resolve("vader-baseline.model"));
            BundledModelSources.writeAll(ModelManifest.parseCanonical("vader-baseline.model", baseline)
                    .terms());
        } else {
            System.err.println("usage: ModelTool import-vader <vader_sentiment_lexicon.txt> | rebuild");
            System.exit(2);
        }
    }

    /**
     * Reads the VADER lexicon as shipped in com.github.apanimesh061:vader-sentiment-analyzer:1.0:
     * CRLF lines of word, mean, standard deviation and raw ratings. Keeps word and mean; lower-cases
     * the word; a later duplicate wins (as in VADER's own loader). Two lines are Latin-1, not UTF-8.
     */
    static Map<String, Double> readVaderLexicon(Path file) throws Exception {
        Map<String, Double> terms = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (byte[] raw : lines(Files.readAllBytes(file))) {
            String line = decode(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t");
            String word = Words.lower(fields[0]);
            try {
                Words.requireWord("term", word);
                terms.put(word, Double.parseDouble(fields[1]));
            } catch (IllegalArgumentException e) {
                skipped.add(line);
            }
        }
        System.err.println("read " + terms.size() + " VADER terms; skipped " + skipped);
        return terms;
    }

    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static String decode(byte[] line) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(line, StandardCharsets.ISO_8859_1);
        }
    }
}
