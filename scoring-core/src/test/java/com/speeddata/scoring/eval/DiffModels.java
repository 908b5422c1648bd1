package com.speeddata.scoring.eval;

import com.speeddata.scoring.LabelChanges;
import com.speeddata.scoring.Score;
import com.speeddata.scoring.ScoringException;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import com.speeddata.scoring.usecase.ScoreHeadlines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/scoring-models diff OLD NEW FILE}: the sentences of FILE whose label changes between two models
 * (each given by SHA or name), so an upgrade can be reviewed before rollout. FILE is plain UTF-8 text, one sentence
 * per line; empty lines and lines starting with {@code #} are skipped. The models are the bundled ones, plus those
 * in {@code MODELS_DIR} when it is set (as the server loads them).
 *
 * <p>Output: a tab-separated header and one row per changed sentence ({@code line, old_label, old_score,
 * new_label, new_score, text}), then a summary: how many of the sentences changed, and how many per
 * {@code old->new} pair.
 */
public final class DiffModels {
    private static final String SHA = "[0-9a-fA-F]{64}";

    private DiffModels() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: scripts/scoring-models diff OLD NEW FILE   (OLD, NEW: a model's SHA or name)");
            System.exit(2);
        }
        String modelsDir = System.getenv("MODELS_DIR");
        ScoreHeadlines models = new ScoreHeadlines(
                modelsDir == null || modelsDir.isBlank()
                        ? ModelRegistry.bundled()
                        : ModelRegistry.load(Path.of(modelsDir)),
                1);
        List<String> lines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        try {
            diff(model(models, args[0]), model(models, args[1]), lines, System.out);
        } catch (ScoringException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static Model model(ScoreHeadlines models, String shaOrName) {
        return shaOrName.matches(SHA) ? models.model(shaOrName, null) : models.model(null, shaOrName);
    }

    /** Writes the changed sentences of {@code lines} and the summary; returns the changes. */
    static LabelChanges diff(Model before, Model after, List<String> lines, PrintStream out) {
        out.printf(Locale.ROOT, "# old %s %s%n# new %s %s%n", before.name(), before.sha(), after.name(), after.sha());
        out.println("line\told_label\told_score\tnew_label\tnew_score\ttext");
        LabelChanges changes = new LabelChanges();
        int sentences = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            sentences++;
            Score old = before.score(text);
            Score now = after.score(text);
            changes.add(old.label(), now.label());
            if (old.label() != now.label()) {
                out.printf(
                        Locale.ROOT,
                        "%d\t%s\t%.4f\t%s\t%.4f\t%s%n",
                        i + 1,
                        old.label().wireName(),
                        old.score(),
                        now.label().wireName(),
                        now.score(),
                        text);
            }
        }
        out.printf(Locale.ROOT, "# %d of %d sentences change label%n", changes.total(), sentences);
        for (Map.Entry<String, Integer> pair : changes.byName().entrySet()) {
            out.printf(Locale.ROOT, "# %s\t%d%n", pair.getKey(), pair.getValue());
        }
        return changes;
    }
}
