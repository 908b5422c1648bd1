package com.speeddata.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.Label;
import com.speeddata.scoring.manifest.BundledModelSources;
import com.speeddata.scoring.manifest.InvalidModelException;
import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.manifest.Param;
import com.speeddata.scoring.manifest.TestManifests;
import com.speeddata.scoring.rules.ScorerVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path dir;

    @Test
    void bundled_registry_lists_the_default_first_and_finds_models_by_sha_in_either_case() {
        ModelRegistry registry = ModelRegistry.bundled();
        Model first = registry.models().get(0);
        assertSame(registry.defaultModel(), first);
        assertTrue(first.isDefault());
        assertFalse(registry.models().get(1).isDefault());
        for (Model model : registry.models()) {
            assertSame(model, registry.find(model.sha()).orElseThrow());
            assertSame(
                    model, registry.find(model.sha().toUpperCase(Locale.ROOT)).orElseThrow());
        }
        assertTrue(registry.find("0".repeat(64)).isEmpty());
        assertTrue(registry.find("not a sha").isEmpty());
        assertThrows(
                UnsupportedOperationException.class, () -> registry.models().clear());
    }

    @Test
    void extra_model_files_are_added_after_the_bundled_ones_in_file_name_order() throws IOException {
        write("b.model", TestManifests.small("zeta").toCanonicalBytes());
        write("a.model", TestManifests.small("alpha").toCanonicalBytes());
        ModelRegistry registry = ModelRegistry.load(dir);
        List<String> names = registry.models().stream().map(Model::name).toList();
        assertEquals(
                List.of(
                        "finance-wire",
                        "finance",
                        "finance-news",
                        "finance-news-learned",
                        "vader-baseline",
                        "alpha",
                        "zeta"),
                names);
        Model alpha = registry.findByName("alpha").orElseThrow();
        assertEquals(TestManifests.small("alpha").sha256(), alpha.sha());
        assertSame(alpha, registry.find(alpha.sha()).orElseThrow());
        assertFalse(alpha.isDefault());
        assertEquals("finance-wire", registry.defaultModel().name());
        assertEquals(Label.POSITIVE, alpha.score("profit rose").label());
    }

    @Test
    void other_files_hidden_files_and_subdirectories_are_ignored() throws IOException {
        write("README.txt", "not a model".getBytes());
        write(".hidden.model", "junk".getBytes());
        Files.createDirectory(dir.resolve("sub.model"));
        assertEquals(
                ModelRegistry.bundled().models().size(),
                ModelRegistry.load(dir).models().size());
    }

    @Test
    void a_non_canonical_file_is_refused_naming_the_file_and_line() throws IOException {
        String text = TestManifests.text(TestManifests.small("alpha").toCanonicalBytes())
                .replace("\n", "\r\n");
        Path file = write("alpha.model", TestManifests.bytes(text));
        var e = assertThrows(InvalidModelException.class, () -> ModelRegistry.load(dir));
        assertEquals(file.toString(), e.source());
        assertEquals(1, e.line());
    }

    @Test
    void a_model_for_another_scorer_version_is_refused() throws IOException {
        ModelManifest other = TestManifests.small("alpha").withScorerVersion(ScorerVersion.CURRENT + 1);
        write("alpha.model", other.toCanonicalBytes());
        var e = assertThrows(IncompatibleModelException.class, () -> ModelRegistry.load(dir));
        assertEquals(ScorerVersion.CURRENT + 1, e.modelScorerVersion());
        assertEquals(ScorerVersion.CURRENT, e.supportedScorerVersion());
    }

    @Test
    void two_different_models_with_one_name_are_refused() throws IOException {
        write("a.model", TestManifests.small("alpha").toCanonicalBytes());
        write(
                "b.model",
                TestManifests.small("alpha").withParam(Param.NEUTRAL_BAND, 0.1).toCanonicalBytes());
        var e = assertThrows(DuplicateModelException.class, () -> ModelRegistry.load(dir));
        assertEquals("alpha", e.name());
        assertTrue(e.firstSource().endsWith("a.model") && e.secondSource().endsWith("b.model"), e.getMessage());
    }

    @Test
    void a_file_reusing_a_bundled_name_with_other_bytes_is_refused() throws IOException {
        write("finance.model", TestManifests.small("finance").toCanonicalBytes());
        assertThrows(DuplicateModelException.class, () -> ModelRegistry.load(dir));
    }

    @Test
    void a_byte_identical_copy_of_a_loaded_model_is_the_same_model() throws IOException {
        write("copy.model", BundledModelSources.resource("models/finance.model"));
        assertEquals(
                ModelRegistry.bundled().models().size(),
                ModelRegistry.load(dir).models().size());
    }

    @Test
    void a_missing_directory_is_a_load_error() {
        var e = assertThrows(ModelLoadException.class, () -> ModelRegistry.load(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
