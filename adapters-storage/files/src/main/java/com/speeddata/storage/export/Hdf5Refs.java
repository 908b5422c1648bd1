package com.speeddata.storage.export;

import java.nio.ByteBuffer;

/** What an attribute payload needs from the file while its header is encoded. */
interface Hdf5Refs {
    /** The object header address of {@code node} (its object reference). */
    long addressOf(Hdf5Node node);

    /** Stores {@code object} in the global heap and puts its heap id (collection address, index) into {@code out}. */
    void store(byte[] object, ByteBuffer out);

    /** Stands in while header sizes are measured: addresses 0, nothing stored. */
    Hdf5Refs MEASURING = new Hdf5Refs() {
        @Override
        public long addressOf(Hdf5Node node) {
            return 0;
        }

        @Override
        public void store(byte[] object, ByteBuffer out) {
            out.putLong(0).putInt(0);
        }
    };
}
