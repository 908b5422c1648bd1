package com.speeddata.storage.export;

import io.jhdf.AbstractWritableNode;
import io.jhdf.api.Group;
import io.jhdf.api.WritableDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataLayout;

import java.util.List;

/**
 * A node whose contents are pulled while jHDF writes the file at close, never held in memory. jHDF only accepts
 * such nodes as datasets ({@code putDataset(name, WritableDataset)} calls {@link #write} at close), so every
 * streamed node is a {@link WritableDataset} to jHDF; the read side of that interface makes no sense before the
 * file is written and throws.
 */
abstract class StreamedNode extends AbstractWritableNode implements WritableDataset {

    StreamedNode(Group parent, String name) {
        super(parent, name);
    }

    @Override
    public long getAddress() {
        throw unsupported();
    }

    @Override
    public boolean isLink() {
        return false;
    }

    @Override
    public boolean isAttributeCreationOrderTracked() {
        return false;
    }

    @Override
    public long getStorageInBytes() {
        return getSizeInBytes();
    }

    @Override
    public int[] getDimensions() {
        long[] dimensions = getDimensionsAsLong();
        int[] narrow = new int[dimensions.length];
        for (int i = 0; i < dimensions.length; i++) {
            narrow[i] = Math.toIntExact(dimensions[i]);
        }
        return narrow;
    }

    @Override
    public long[] getMaxSize() {
        return getDimensionsAsLong();
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public boolean isCompound() {
        return false;
    }

    @Override
    public boolean isVariableLength() {
        return false;
    }

    @Override
    public DataLayout getDataLayout() {
        return DataLayout.CONTIGUOUS;
    }

    @Override
    public Object getData() {
        throw unsupported();
    }

    @Override
    public Object getDataFlat() {
        throw unsupported();
    }

    @Override
    public Object getData(long[] sliceOffset, int[] sliceDimensions) {
        throw unsupported();
    }

    @Override
    public Class<?> getJavaType() {
        return getDataType().getJavaType();
    }

    @Override
    public Object getFillValue() {
        return null;
    }

    @Override
    public List<PipelineFilterWithData> getFilters() {
        return List.of();
    }

    @Override
    public abstract DataType getDataType();

    private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException(getPath() + " is written by streaming; it cannot be read back");
    }
}
