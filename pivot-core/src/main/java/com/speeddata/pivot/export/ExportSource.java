package com.speeddata.pivot.export;

import com.speeddata.pivot.sample.SampleCursor;

/**
 * What an {@link ExportSink} pulls the file's contents from. Every source it opens, it closes. A sink may read
 * sources it opened on different threads at once (the HDF5 sink starts the next column while one ends).
 */
public interface ExportSource {

    /** The aligned layout's grid times: exactly {@link ExportPlan#gridRows()} values. */
    LongBlockSource gridTimes();

    /**
     * The aligned layout's values of one column, with their quality flags: exactly {@link ExportPlan#gridRows()}
     * values. A sink may open a column more than once (e.g. once for the values, once for the flags).
     */
    AlignedCells alignedColumn(ExportColumn column);

    /** The raw layout: every stored sample of the column inside the range. */
    SampleCursor rawSamples(ExportColumn column);

    /** The raw layout: how many samples {@link #rawSamples} will yield. */
    long rawCount(ExportColumn column);
}
