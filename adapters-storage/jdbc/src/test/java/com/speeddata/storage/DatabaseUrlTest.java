package com.speeddata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void jdbc_postgresql_url_is_kept_as_it_is() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5433/speed?user=app&sslmode=disable")
                .orElseThrow();
        assertEquals(Dialect.POSTGRESQL, url.dialect());
        assertEquals("jdbc:postgresql://db:5433/speed?user=app&sslmode=disable", url.jdbcUrl());
        assertNull(url.user());
        assertNull(url.password());
    }

    @Test
    void postgres_scheme_becomes_jdbc_url_with_separate_credentials() {
        DatabaseUrl url =
                DatabaseUrl.parse("postgres://app:secret@db.example:5433/speed").orElseThrow();
        assertEquals(Dialect.POSTGRESQL, url.dialect());
        assertEquals("jdbc:postgresql://db.example:5433/speed", url.jdbcUrl());
        assertEquals("app", url.user());
        assertEquals("secret", url.password());
    }

    @Test
    void postgresql_scheme_without_port_or_password_keeps_query_parameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app@localhost/speed?sslmode=require&connectTimeout=3")
                .orElseThrow();
        assertEquals("jdbc:postgresql://localhost/speed?sslmode=require&connectTimeout=3", url.jdbcUrl());
        assertEquals("app", url.user());
        assertNull(url.password());
    }

    @Test
    void url_encoded_user_and_password_are_decoded_and_plus_stays_plus() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://us%40er:p%3Ass%2Fw+rd%25@[::1]:5432/db")
                .orElseThrow();
        assertEquals("us@er", url.user());
        assertEquals("p:ss/w+rd%", url.password());
        assertEquals("jdbc:postgresql://[::1]:5432/db", url.jdbcUrl());
    }

    @Test
    void scheme_is_case_insensitive_and_whitespace_is_trimmed() {
        assertTrue(DatabaseUrl.parse("  POSTGRES://a:b@h/db ").isPresent());
        assertTrue(DatabaseUrl.parse("JDBC:POSTGRESQL://h/db").isPresent());
    }

    @Test
    void other_urls_are_not_understood() {
        assertFalse(DatabaseUrl.parse(null).isPresent());
        assertFalse(DatabaseUrl.parse("").isPresent());
        assertFalse(DatabaseUrl.parse("mysql://a:b@h/db").isPresent());
        assertFalse(DatabaseUrl.parse("jdbc:h2:mem:x").isPresent());
        assertFalse(DatabaseUrl.parse("postgres:///db").isPresent());
        assertFalse(DatabaseUrl.parse("postgres://a:b@c@h/db").isPresent());
    }

    @Test
    void error_text_lists_examples_and_hides_the_password() {
        String text = DatabaseUrl.describeUnrecognized("mysql://root:hunter2@h/db");
        assertTrue(text.contains("'mysql://'"), text);
        assertTrue(text.contains("postgres://speeddata:secret@localhost:5432/speeddata"), text);
        assertFalse(text.contains("hunter2"), text);
    }

    @Test
    void printed_forms_mask_passwords() {
        DatabaseUrl separate = DatabaseUrl.parse("postgres://app:hunter2@h/db").orElseThrow();
        assertFalse(separate.toString().contains("hunter2"), separate.toString());
        DatabaseUrl inline = DatabaseUrl.parse("jdbc:postgresql://h/db?user=app&password=hunter2&ssl=true")
                .orElseThrow();
        assertEquals("jdbc:postgresql://h/db?user=app&password=****&ssl=true", inline.redacted());
        assertFalse(inline.toString().contains("hunter2"), inline.toString());
    }

    @Test
    void embedded_url_is_an_h2_file_in_postgresql_mode_under_the_data_dir() {
        DatabaseUrl url = DatabaseUrl.embedded(Path.of("/var/lib/speeddata"));
        assertEquals(Dialect.H2, url.dialect());
        assertTrue(
                url.jdbcUrl().startsWith("jdbc:h2:file:/var/lib/speeddata/speeddata;MODE=PostgreSQL;"), url.jdbcUrl());
        assertTrue(url.jdbcUrl().contains(";DB_CLOSE_ON_EXIT=FALSE"), url.jdbcUrl());
    }

    @Test
    void unrecognized_url_stops_open_with_the_examples() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Database.open("sqlite:///tmp/x", Path.of("unused")));
        assertTrue(e.getMessage().contains("Parsable examples"), e.getMessage());
    }

    @Test
    void mask_hides_a_password_in_the_user_info_of_a_jdbc_url() {
        assertEquals("jdbc:postgresql://user:****@host/db", DatabaseUrl.mask("jdbc:postgresql://user:pw@host/db"));
    }

    @Test
    void mask_hides_a_password_holding_a_raw_at_sign() {
        String masked = DatabaseUrl.mask("postgres://app:p@ss@w0rd@db.example:5432/speed");
        assertFalse(masked.contains("ss") || masked.contains("w0rd"), masked);
        assertTrue(masked.startsWith("postgres://app:****@"), masked);
    }

    @Test
    void mask_hides_a_percent_encoded_password_in_a_libpq_url() {
        assertEquals(
                "postgresql://app:****@h/db?sslmode=require",
                DatabaseUrl.mask("postgresql://app:s%40cret@h/db?sslmode=require"));
    }

    @Test
    void mask_hides_password_parameters_after_question_mark_ampersand_or_semicolon() {
        assertEquals("jdbc:postgresql://h/db?password=****", DatabaseUrl.mask("jdbc:postgresql://h/db?password=a1"));
        assertEquals(
                "jdbc:postgresql://h/db?user=app&password=****&ssl=true",
                DatabaseUrl.mask("jdbc:postgresql://h/db?user=app&password=a1&ssl=true"));
        assertEquals(
                "jdbc:postgresql://h/db?user=app;password=****",
                DatabaseUrl.mask("jdbc:postgresql://h/db?user=app;password=a1"));
    }

    @Test
    void mask_hides_the_password_postgresql_echoes_in_its_own_connect_error() {
        String echoed = "FATAL: role \"app;password=hunter2\" does not exist";
        assertEquals("FATAL: role \"app;password=****\" does not exist", DatabaseUrl.mask(echoed));
        String auth = "FATAL: password authentication failed for user \"app;PASSWORD = hunter2\"";
        assertFalse(DatabaseUrl.mask(auth).contains("hunter2"), DatabaseUrl.mask(auth));
    }

    @Test
    void mask_leaves_text_without_a_password_alone() {
        String text = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        assertEquals(text, DatabaseUrl.mask(text));
        assertEquals("postgres://app@h/db", DatabaseUrl.mask("postgres://app@h/db"));
    }
}
