package com.speeddata.server;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One run setting, written once: its environment variable, default, parser, start-log form and description.
 * {@link Settings#ALL} is the table; reading and validating ({@link ServerConfig#fromEnvironment}), the start log
 * ({@link ServerConfig#describe}) and the settings table in README.md ({@code SettingsReadmeTest}) all come from it.
 *
 * @param name              the environment variable
 * @param fallback          the text parsed when the variable is unset or blank; a null text leaves the value null
 * @param documentedDefault the README's "default" cell (markdown)
 * @param parser            text to value; throws, saying what a good value looks like, for a bad one
 * @param shown             the value as the start log shows it, given the whole configuration; masks secrets
 * @param description       the README's "meaning" cell (markdown)
 */
record Setting<T>(
        String name,
        Supplier<String> fallback,
        String documentedDefault,
        Function<String, T> parser,
        BiFunction<T, ServerConfig, Object> shown,
        String description) {

    Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(documentedDefault, "documentedDefault");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(description, "description");
    }

    /** A setting with a fixed default ({@code null}: unset), documented as that text, logged as its value. */
    static <T> Setting<T> of(String name, Object fallback, Function<String, T> parser, String description) {
        String text = fallback == null ? null : fallback.toString();
        return new Setting<>(
                name,
                () -> text,
                text == null ? "unset" : "`" + text + "`",
                parser,
                (value, config) -> value,
                description);
    }

    /** The same setting, its default described in the README as {@code markdown} instead of its text. */
    Setting<T> documentedAs(String markdown) {
        return new Setting<>(name, fallback, markdown, parser, shown, description);
    }

    /** The same setting with a default worked out when the variable is unset. */
    Setting<T> defaultFrom(Supplier<String> computed, String markdown) {
        return new Setting<>(name, computed, markdown, parser, shown, description);
    }

    /** The same setting, shown in the start log as {@code form} gives it. */
    Setting<T> shownAs(BiFunction<T, ServerConfig, Object> form) {
        return new Setting<>(name, fallback, documentedDefault, parser, form, description);
    }

    /** The setting's row in README.md's settings table. */
    String readmeRow() {
        return "| `" + name + "` | " + documentedDefault + " | " + description + " |";
    }
}
