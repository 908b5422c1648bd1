package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small HDF5 writer on its own: trees written with {@link Hdf5FileLayout}, read back by h5py. */
class Hdf5FileLayoutTest {
    @TempDir
    Path dir;

    private Path write(Hdf5Group root, Consumer<Hdf5WriteSession> data) throws Exception {
        Path file = dir.resolve("tree.h5");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Hdf5WriteSession session =
                    new Hdf5WriteSession(channel, new ProgressReporter((fraction, message) -> {}, 1, 1 << 20), 16);
            Hdf5FileLayout layout = new Hdf5FileLayout(root);
            layout.writeHead(session);
            data.accept(session);
            layout.writeTail(session);
            assertEquals(layout.fileBytes(), session.position(), "the superblock's end of file is the file's end");
        }
        return file;
    }

    /** Texts whose heap objects leave the collection's free space at its smallest, or push it past 4096 bytes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 4047, 4048, 4049, 4056, 4064, 100_000})
    void text_of_any_length_reads_back_as_str(int length) throws Exception {
        Hdf5Group root = new Hdf5Group("/");
        root.putText("t", "x".repeat(length));

        Path file = write(root, session -> {});

        assertEquals(
                "str " + length + " True",
                H5py.eval(file, "t = f.attrs['t']; print(type(t).__name__, len(t), t == 'x' * " + length + ")"));
    }

    @Test
    void a_value_known_only_after_the_data_replaces_its_placeholder() throws Exception {
        Hdf5Group root = new Hdf5Group("/");
        Hdf5Dataset values = root.link("v", Hdf5Dataset.float64("/v", 3));
        values.put(Hdf5Attribute.int64("samples_read", 0));
        values.putText("last_sample", "x".repeat(30)); // room for the longest text it may become
        values.putText("first_sample", "x".repeat(30));

        Path file = write(root, session -> {
            ByteBuffer data = Hdf5Encoding.buffer(24)
                    .putDouble(1)
                    .putDouble(2)
                    .putDouble(3)
                    .flip();
            session.write(data, values.dataAddress());
            values.put(Hdf5Attribute.int64("samples_read", 3)); // same size: fine after layout
            values.putText("last_sample", "2025-01-23T14:00:00.000000002Z");
            values.putText("first_sample", ""); // shorter: the heap's free space takes the rest
        });

        assertEquals(
                "[1. 2. 3.] 3 2025-01-23T14:00:00.000000002Z ''",
                H5py.eval(
                        file,
                        "v = f['v']; print(v[...], v.attrs['samples_read'], v.attrs['last_sample'],"
                                + " repr(v.attrs['first_sample']))"));
    }

    @Test
    void a_text_longer_than_its_placeholder_fails_rather_than_moving_the_end_of_the_file() {
        Hdf5Group root = new Hdf5Group("/");
        Hdf5Dataset values = root.link("v", Hdf5Dataset.float64("/v", 0));
        values.putText("note", "");
        values.putText("filler", "x".repeat(5000)); // a heap past the 4096-byte minimum, so every byte counts

        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> write(root, session -> values.putText("note", "longer than reserved")));
        assertTrue(failure.getMessage().contains("reserved"), failure.getMessage());
    }

    @Test
    void data_written_out_of_order_fails_rather_than_corrupting_the_file() {
        Hdf5Group root = new Hdf5Group("/");
        Hdf5Dataset first = root.link("a", Hdf5Dataset.float64("/a", 1));
        Hdf5Dataset second = root.link("b", Hdf5Dataset.float64("/b", 1));

        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> write(root, session -> {
                    session.write(Hdf5Encoding.buffer(8).putDouble(2).flip(), second.dataAddress());
                    session.write(Hdf5Encoding.buffer(8).putDouble(1).flip(), first.dataAddress());
                }));
        assertTrue(failure.getMessage().contains("written up to"), failure.getMessage());
    }

    @Test
    void an_attribute_added_after_layout_fails_rather_than_overwriting_the_data() {
        Hdf5Group root = new Hdf5Group("/");
        Hdf5Dataset values = root.link("v", Hdf5Dataset.float64("/v", 3));

        IllegalStateException failure = assertThrows(
                IllegalStateException.class, () -> write(root, session -> values.putText("late", "grows the header")));
        assertTrue(failure.getMessage().contains("/v"), failure.getMessage());
    }

    @Test
    void a_header_message_over_64_KiB_is_refused() {
        Hdf5Group root = new Hdf5Group("/");
        root.put(Hdf5Attribute.uint8s("big", new byte[70_000]));

        assertThrows(IllegalArgumentException.class, () -> new Hdf5FileLayout(root));
    }

    @Test
    void a_node_linked_twice_is_one_object_with_two_names() throws Exception {
        Hdf5Group root = new Hdf5Group("/");
        Hdf5Dataset time = root.link("time", Hdf5Dataset.int64("/time", 2));
        time.makeScale("time");
        Hdf5Group group = root.link("g", new Hdf5Group("/g"));
        group.link("time", time);
        Hdf5Dataset flags = group.link("flags", Hdf5Dataset.uint8("/g/flags", 2));
        time.attach(flags);
        flags.put(Hdf5Attribute.uint8s("flag_values", new byte[] {0, 1, 2}));

        Path file = write(root, session -> {
            session.write(Hdf5Encoding.buffer(16).putLong(5).putLong(6).flip(), time.dataAddress());
            session.write(Hdf5Encoding.buffer(2).put((byte) 1).put((byte) 2).flip(), flags.dataAddress());
        });

        assertEquals(
                "True [5 6] [1 2] uint8 [0 1 2] time",
                H5py.eval(
                        file,
                        "print(f['time'] == f['g/time'], f['g/time'][...], f['g/flags'][...], f['g/flags'].dtype,"
                                + " f['g/flags'].attrs['flag_values'], f[f['g/flags'].attrs['DIMENSION_LIST'][0][0]]"
                                + ".attrs['NAME'].decode())"));
    }
}
