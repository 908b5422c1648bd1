/**
 * Export file writers: {@link com.speeddata.storage.export.Hdf5ExportSink} and
 * {@link com.speeddata.storage.export.CsvExportSink}, both implementing pivot-core's {@code ExportSink}.
 *
 * <h2>HDF5 files</h2>
 * What the contract pins, plus these choices:
 * <ul>
 *   <li>Root attributes in both layouts: {@code time_range_start}, {@code time_range_end}, {@code created_at}
 *       (RFC 3339 UTC text, as {@code Instant.toString} prints it), {@code interval_ns} (int64; 0 in the raw
 *       layout, which has no grid), {@code format_version} (int32, 1), and {@code layout} ({@code aligned} or
 *       {@code raw}, not pinned by the contract). jHDF adds {@code _jHDF} (its version).</li>
 *   <li>Raw layout: the signal's attributes {@code unit} and {@code sample_rate_hz} sit on the group
 *       {@code /<channel>/<signal>}; {@code fill} and {@code aggregate} are left out, since raw samples are
 *       neither filled nor aggregated. {@code time} carries {@code units} like the aligned {@code /time}.</li>
 *   <li>Text attributes are fixed-length, null-terminated UTF-8 strings (all jHDF 0.13 writes): h5py returns
 *       them as {@code bytes}, to be decoded. {@code sample_rate_hz} is float64, NaN for irregular signals.</li>
 *   <li>Datasets are 1-D, contiguous, uncompressed, little-endian, with 8-byte dimensions, so a dataset may hold
 *       up to {@code Long.MAX_VALUE / 8} values (tested with h5py beyond {@code Integer.MAX_VALUE} rows).
 *       jHDF's int-based dimensions only limit reading such files back with jHDF, not writing them.</li>
 *   <li>Names HDF5 cannot hold are refused before any file exists ({@code InvalidRequestException}): a channel
 *       or signal named {@code .} or {@code ..}, and in the aligned layout a channel named {@code time}.
 *       Units longer than 16 KiB are refused too (jHDF would corrupt the file past 64 KiB).</li>
 *   <li>Order inside groups is jHDF's (a hash order); readers list links by name anyway.</li>
 * </ul>
 *
 * <h2>CSV files</h2>
 * UTF-8, {@code '\n'} line ends, times as RFC 3339 UTC, values as {@code Double.toString} (reads back to the same
 * double), NaN as an empty field. Aligned: {@code time,<channel>/<signal>,...} (the contract). Raw (our choice):
 * long format {@code time,signal,value}, {@code signal} being {@code <channel>/<signal>}, column after column in
 * plan order, each in time order.
 *
 * <h2>Streaming and failures</h2>
 * Neither sink holds a column: HDF5 datasets are pulled in blocks of 64K values while jHDF closes the file, CSV
 * columns in lockstep a block of rows at a time. Sources must give exactly the planned number of values (aligned:
 * {@code gridRows()}; raw HDF5: {@code rawCount()}); otherwise {@code IllegalStateException}. Raw CSV does not
 * check counts, having no header to size. On any failure, including a listener throwing to cancel, the partial
 * file is removed and the exception passes through (an I/O failure as {@code IOException}). An existing target is
 * never touched: {@code FileAlreadyExistsException}. Progress: one report per dataset (or raw CSV column) begun
 * and otherwise at most one per 4 MiB written (CSV: per about 4 MiB), then 1.0 when the file is complete.
 */
package com.speeddata.storage.export;
