package com.speeddata.pivot.contract;

import static com.speeddata.pivot.contract.Stored.blocks;
import static com.speeddata.pivot.contract.Stored.even;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStats;
import com.speeddata.pivot.sample.SampleStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Catalog} adapter must do. Subclass it once per adapter and return a fresh, empty store from
 * {@link #newStores()}; the same tests then run against the in-memory reference, H2 and PostgreSQL.
 */
public abstract class CatalogContract {
    private static final SignalKey VOLTAGE = new SignalKey("ch1", "voltage");

    private Stores stores;
    private Catalog catalog;
    private SampleStore samples;

    /** A fresh store holding no signal, called before every test. */
    protected abstract Stores newStores();

    @BeforeEach
    void freshStore() {
        stores = newStores();
        catalog = stores.catalog();
        samples = stores.samples();
    }

    @Test
    void tenants_see_only_their_own_signals_under_the_same_names() {
        Catalog other = stores.all().catalog("acme");
        assertTrue(catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, "ours")));
        assertTrue(other.find(VOLTAGE).isEmpty(), "another tenant's signal is invisible");
        assertTrue(other.list().isEmpty());
        assertTrue(other.listChannel("ch1").isEmpty());

        assertTrue(other.define(new SignalDefinition(VOLTAGE, "mV", 10.0, "theirs")), "same name, another tenant");
        assertEquals("V", catalog.find(VOLTAGE).orElseThrow().definition().unit());
        assertEquals("mV", other.find(VOLTAGE).orElseThrow().definition().unit());
        assertEquals(1, catalog.list().size());
        assertEquals(1, other.listChannel("ch1").size());
    }

    @Test
    void define_creates_then_updates() {
        assertTrue(catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, "mains")), "first define creates");
        assertFalse(catalog.define(new SignalDefinition(VOLTAGE, "mV", 500.0, "scaled")), "second define updates");

        SignalInfo info = catalog.find(VOLTAGE).orElseThrow();
        assertEquals(new SignalDefinition(VOLTAGE, "mV", 500.0, "scaled"), info.definition());
        assertEquals(SignalStats.EMPTY, info.stats());
        assertEquals(1, catalog.list().size());
    }

    @Test
    void irregular_signal_and_empty_texts_round_trip() {
        SignalDefinition irregular = new SignalDefinition(VOLTAGE, null, null, null);
        catalog.define(irregular);

        SignalDefinition found = catalog.find(VOLTAGE).orElseThrow().definition();
        assertEquals(irregular, found);
        assertNull(found.sampleRateHz());
        assertEquals("", found.unit());
        assertEquals("", found.description());
    }

    @Test
    void sample_rates_and_texts_round_trip_exactly() {
        String longText = "ünïcödé – ".repeat(200);
        List<Double> rates = List.of(1000.0, 44_100.0, 0.1, 1e9, 1.0 / 3.0, 4.9e-324);
        for (int i = 0; i < rates.size(); i++) {
            catalog.define(new SignalDefinition(new SignalKey("rates", "s" + i), "°C", rates.get(i), longText));
        }
        for (int i = 0; i < rates.size(); i++) {
            SignalDefinition found =
                    catalog.find(new SignalKey("rates", "s" + i)).orElseThrow().definition();
            assertEquals(rates.get(i), found.sampleRateHz());
            assertEquals("°C", found.unit());
            assertEquals(longText, found.description());
        }
    }

    @Test
    void unknown_signal_is_not_found() {
        catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, ""));
        assertTrue(catalog.find(new SignalKey("ch1", "current")).isEmpty());
        assertTrue(catalog.find(new SignalKey("ch2", "voltage")).isEmpty());
        assertTrue(catalog.find(new SignalKey("CH1", "voltage")).isEmpty(), "names are case-sensitive");
    }

    @Test
    void list_orders_by_channel_then_signal_in_string_order() {
        List<String> names = List.of("b", "a", "B", "_x", "-y", "9", ".z", "a.1", "a_1", "A");
        for (String channel : List.of("c", "C", "a")) {
            for (String name : names) {
                catalog.define(new SignalDefinition(new SignalKey(channel, name), "", null, ""));
            }
        }
        List<SignalKey> listed = catalog.list().stream().map(SignalInfo::key).toList();
        List<SignalKey> expected = listed.stream().sorted().toList();
        assertEquals(expected, listed);
        assertEquals(30, listed.size());
        assertEquals(new SignalKey("C", "-y"), listed.get(0), "byte order: upper case before lower case");
    }

    @Test
    void list_channel_holds_only_that_channel_in_name_order() {
        for (String name : List.of("z", "b", "Z", "a-1", "a")) {
            catalog.define(new SignalDefinition(new SignalKey("ch1", name), "", null, ""));
        }
        catalog.define(new SignalDefinition(new SignalKey("ch10", "a"), "", null, ""));
        catalog.define(new SignalDefinition(new SignalKey("ch", "a"), "", null, ""));

        List<String> listed =
                catalog.listChannel("ch1").stream().map(i -> i.key().signal()).toList();
        assertEquals(List.of("Z", "a", "a-1", "b", "z"), listed);
        assertEquals(List.of(), catalog.listChannel("nope"));
        assertEquals(List.of(), catalog.listChannel("CH1"));
    }

    @Test
    void empty_catalog_lists_nothing() {
        assertEquals(List.of(), catalog.list());
    }

    @Test
    void stats_follow_writes() {
        catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, ""));
        samples.write(VOLTAGE, blocks(even(1_000, 10, 100, t -> t)));
        assertEquals(
                new SignalStats(100, 1_000, 1_990),
                catalog.find(VOLTAGE).orElseThrow().stats());

        samples.write(VOLTAGE, blocks(even(500, 10, 10, t -> -t)));
        assertEquals(
                new SignalStats(110, 500, 1_990),
                catalog.find(VOLTAGE).orElseThrow().stats(),
                "prepended");

        samples.write(VOLTAGE, blocks(even(5_000, 1, 3, t -> 0)));
        assertEquals(
                new SignalStats(113, 500, 5_002),
                catalog.find(VOLTAGE).orElseThrow().stats(),
                "appended");
    }

    @Test
    void stats_count_replaced_samples_once() {
        catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, ""));
        samples.write(VOLTAGE, blocks(even(0, 10, 100, t -> 1)));
        samples.write(VOLTAGE, blocks(even(0, 10, 100, t -> 2), even(500, 5, 20, t -> 3)));
        // the second block replaces 10 samples on the 10 ns grid and adds 10 between them
        assertEquals(
                new SignalStats(110, 0, 990),
                catalog.find(VOLTAGE).orElseThrow().stats());
    }

    @Test
    void redefining_keeps_stats_and_samples() {
        catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, ""));
        samples.write(VOLTAGE, blocks(even(0, 1_000_000, 50, t -> 1.5)));
        catalog.define(new SignalDefinition(VOLTAGE, "kV", null, "now irregular"));

        SignalInfo info = catalog.find(VOLTAGE).orElseThrow();
        assertEquals(new SignalStats(50, 0, 49_000_000), info.stats());
        assertEquals("kV", info.definition().unit());
        assertEquals(50, samples.count(VOLTAGE, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void stats_in_list_and_list_channel_match_find() {
        SignalKey other = new SignalKey("ch1", "current");
        catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, ""));
        catalog.define(new SignalDefinition(other, "A", 1000.0, ""));
        samples.write(VOLTAGE, blocks(even(7, 3, 4, t -> 0)));

        for (List<SignalInfo> infos : List.of(catalog.list(), catalog.listChannel("ch1"))) {
            assertEquals(
                    List.of(other, VOLTAGE), infos.stream().map(SignalInfo::key).toList());
            assertEquals(SignalStats.EMPTY, infos.get(0).stats());
            assertEquals(new SignalStats(4, 7, 16), infos.get(1).stats());
        }
    }

    @Test
    void delete_removes_the_signal_and_its_samples() {
        catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, ""));
        samples.write(VOLTAGE, blocks(even(1_000, 10, 100, t -> t)));

        assertTrue(catalog.delete(VOLTAGE));
        assertTrue(catalog.find(VOLTAGE).isEmpty());
        assertEquals(List.of(), catalog.list());
        assertEquals(List.of(), catalog.listChannel("ch1"));
        assertFalse(catalog.delete(VOLTAGE), "already gone");
    }

    @Test
    void delete_of_an_unknown_signal_changes_nothing() {
        catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, ""));
        assertFalse(catalog.delete(new SignalKey("ch1", "current")));
        assertFalse(catalog.delete(new SignalKey("CH1", "voltage")));
        assertEquals(
                List.of(VOLTAGE), catalog.list().stream().map(SignalInfo::key).toList());
    }

    @Test
    void signal_defined_again_after_delete_is_new_and_empty() {
        catalog.define(new SignalDefinition(VOLTAGE, "V", 1000.0, "old"));
        samples.write(VOLTAGE, blocks(even(1_000, 10, 100, t -> t)));
        catalog.delete(VOLTAGE);

        assertTrue(catalog.define(new SignalDefinition(VOLTAGE, "mV", null, "new")), "created, not updated");
        SignalInfo info = catalog.find(VOLTAGE).orElseThrow();
        assertEquals(new SignalDefinition(VOLTAGE, "mV", null, "new"), info.definition());
        assertEquals(SignalStats.EMPTY, info.stats());
        assertEquals(0, samples.count(VOLTAGE, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void delete_leaves_other_signals_and_other_tenants_untouched() {
        SignalKey current = new SignalKey("ch1", "current");
        SignalKey otherChannel = new SignalKey("ch2", "voltage");
        Catalog acme = stores.all().catalog("acme");
        for (Catalog c : List.of(catalog, acme)) {
            c.define(new SignalDefinition(VOLTAGE, "V", 1000.0, ""));
        }
        catalog.define(new SignalDefinition(current, "A", 1000.0, ""));
        catalog.define(new SignalDefinition(otherChannel, "V", 1000.0, ""));
        for (SignalKey key : List.of(VOLTAGE, current, otherChannel)) {
            samples.write(key, blocks(even(0, 10, 50, t -> 1)));
        }
        stores.all().samples("acme").write(VOLTAGE, blocks(even(0, 10, 20, t -> 2)));

        assertTrue(catalog.delete(VOLTAGE));
        assertEquals(
                List.of(current, otherChannel),
                catalog.list().stream().map(SignalInfo::key).toList());
        assertEquals(
                new SignalStats(50, 0, 490), catalog.find(current).orElseThrow().stats());
        assertEquals(50, samples.count(otherChannel, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(
                new SignalStats(20, 0, 190), acme.find(VOLTAGE).orElseThrow().stats(), "another tenant's");
        assertEquals(20, stores.all().samples("acme").count(VOLTAGE, Long.MIN_VALUE, Long.MAX_VALUE));

        assertFalse(acme.delete(current), "a tenant cannot delete another's signal");
        assertTrue(catalog.find(current).isPresent());
    }
}
