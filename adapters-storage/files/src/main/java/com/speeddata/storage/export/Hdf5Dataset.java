package com.speeddata.storage.export;

import io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage;
import io.jhdf.object.message.FillValueMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A contiguous 1-D dataset of {@code length} elements of {@code elementBytes} each; its data is written by the
 * caller at {@link #dataAddress()} once {@link Hdf5FileLayout} has placed it.
 */
final class Hdf5Dataset extends Hdf5Node {
    private final byte[] datatype;
    private final int elementBytes;
    private final long length;
    private final List<Hdf5Dataset> attached = new ArrayList<>();
    private long dataAddress = -1;

    Hdf5Dataset(String path, byte[] datatype, int elementBytes, long length) {
        super(path);
        if (elementBytes <= 0 || length < 0) {
            throw new IllegalArgumentException(path + ": " + length + " elements of " + elementBytes + " bytes");
        }
        Math.multiplyExact(length, elementBytes); // fail now when the size cannot be expressed
        this.datatype = datatype.clone();
        this.elementBytes = elementBytes;
        this.length = length;
    }

    static Hdf5Dataset int64(String path, long length) {
        return new Hdf5Dataset(path, Hdf5Encoding.INT64, 8, length);
    }

    static Hdf5Dataset float64(String path, long length) {
        return new Hdf5Dataset(path, Hdf5Encoding.FLOAT64, 8, length);
    }

    static Hdf5Dataset uint8(String path, long length) {
        return new Hdf5Dataset(path, Hdf5Encoding.UINT8, 1, length);
    }

    /**
     * Makes this dataset a dimension scale named {@code name} (HDF5 Dimension Scale specification: {@code CLASS}
     * and {@code NAME}); netCDF-4 readers such as h5netcdf then see a dimension and coordinate variable of that
     * name, in the group it is linked in and the groups below.
     */
    void makeScale(String name) {
        put(Hdf5Attribute.ascii("CLASS", "DIMENSION_SCALE"));
        put(Hdf5Attribute.ascii("NAME", name));
    }

    /**
     * Attaches {@code variable}'s only dimension to this scale: {@code DIMENSION_LIST} on the variable,
     * {@code REFERENCE_LIST} on the scale (each must be attached before the file is laid out).
     */
    void attach(Hdf5Dataset variable) {
        if (!attributes().containsKey("CLASS")) {
            throw new IllegalStateException(path() + " is not a dimension scale");
        }
        if (variable.length != length) {
            throw new IllegalArgumentException(
                    variable.path() + " has " + variable.length + " elements; the scale " + path() + " has " + length);
        }
        variable.put(Hdf5Attribute.dimensionList(this));
        attached.add(variable);
        put(Hdf5Attribute.referenceList(List.copyOf(attached)));
    }

    long length() {
        return length;
    }

    int elementBytes() {
        return elementBytes;
    }

    long dataBytes() {
        return length * elementBytes;
    }

    long dataAddress() {
        if (dataAddress < 0) {
            throw new IllegalStateException(path() + " is not laid out yet");
        }
        return dataAddress;
    }

    void placeData(long address) {
        dataAddress = address;
    }

    @Override
    ByteBuffer header(Hdf5Refs refs) {
        List<Hdf5Encoding.Message> messages = new ArrayList<>();
        messages.add(new Hdf5Encoding.Message(Hdf5Encoding.DATATYPE, datatype));
        messages.add(new Hdf5Encoding.Message(Hdf5Encoding.DATASPACE, Hdf5Encoding.vector(length)));
        messages.add(new Hdf5Encoding.Message(
                Hdf5Encoding.FILL_VALUE, Hdf5Encoding.bytes(FillValueMessage.NO_FILL.toBuffer())));
        messages.add(new Hdf5Encoding.Message(
                Hdf5Encoding.LAYOUT,
                Hdf5Encoding.bytes(ContiguousDataLayoutMessage.create(Math.max(dataAddress, 0), dataBytes())
                        .toBuffer())));
        messages.addAll(attributeMessages(refs));
        return Hdf5Encoding.objectHeader(messages, path());
    }
}
