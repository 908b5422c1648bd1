package com.speeddata.storage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Runs every test of a class once on each engine of {@link TestDatabase.Kind}: the embedded H2, then PostgreSQL.
 * The class takes the {@link TestDatabase} in its constructor. Each run opens its own database (a fresh directory
 * or schema, migrated), its tests share it (a store clears it before each test), and it is closed when the run
 * ends. Each run is named after its engine: reports show {@code JdbcJobStoreTest [H2]} and
 * {@code JdbcJobStoreTest [POSTGRESQL]} (the root pom sets surefire to use display names).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "[{0}]")
@ArgumentsSource(OnEachDatabase.Databases.class)
public @interface OnEachDatabase {

    /** One database per engine, opened when its run starts; JUnit closes it when the run ends. */
    final class Databases implements ArgumentsProvider {
        @Override
        public Stream<Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
            return Arrays.stream(TestDatabase.Kind.values()).map(kind -> Arguments.of(kind.open()));
        }
    }
}
