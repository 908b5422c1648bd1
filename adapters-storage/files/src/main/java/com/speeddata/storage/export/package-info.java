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
 *       {@code raw}, not pinned by the contract). Nothing else: no writer signature such as jHDF's {@code _jHDF}.</li>
 *   <li>Aligned layout, for netCDF-4 readers (xarray with h5netcdf, netCDF4): {@code /time} is an HDF5 dimension
 *       scale ({@code CLASS} = {@code DIMENSION_SCALE}, {@code NAME} = {@code time}, {@code REFERENCE_LIST}) and
 *       every signal is attached to it ({@code DIMENSION_LIST}), so each signal is a variable on dimension
 *       {@code time}. Each channel group also links {@code time}: a hard link to the same {@code /time} object (no
 *       copy of the data), so that a channel opened alone ({@code open_dataset(group=...)}) has its {@code time}
 *       coordinate; xarray decodes it from CF {@code units} to {@code datetime64[ns]}. A signal named
 *       {@code time} is therefore refused in the aligned layout, as is a plan of more than 4000 signals (2000 with
 *       quality, whose flag datasets are attached too)
 *       ({@code REFERENCE_LIST} must fit one 64 KiB header message). Each signal has CF {@code units} beside
 *       {@code unit}, and the export receipt ({@code max_gap_ns}, {@code samples_read}, {@code observed_cells},
 *       {@code filled_cells}, {@code missing_cells}, {@code first_sample}, {@code last_sample}): placeholders of
 *       the same size are put before the layout and replaced once the data is written, before the headers are.
 *       With {@code quality}, {@code /<channel>/<signal>:quality} (uint8, CF {@code flag_values} and
 *       {@code flag_meanings}) is attached to {@code /time} like its signal, so xarray shows it on {@code time}.</li>
 *   <li>Raw layout: the signal's attributes {@code unit} and {@code sample_rate_hz} sit on the group
 *       {@code /<channel>/<signal>}; {@code fill} and {@code aggregate} are left out, since raw samples are
 *       neither filled nor aggregated. {@code time} carries {@code units} like the aligned {@code /time}.</li>
 *   <li>Text attributes are variable-length UTF-8 strings, their bytes in one global heap collection at the end
 *       of the file: h5py returns {@code str}, and a text of any length fits. Only {@code CLASS} and {@code NAME}
 *       are fixed-length ASCII, as the Dimension Scale specification has them. {@code sample_rate_hz} is float64,
 *       NaN for irregular signals.</li>
 *   <li>Datasets are 1-D, contiguous, uncompressed, little-endian, with 8-byte dimensions, so a dataset may hold
 *       up to {@code Long.MAX_VALUE / 8} values (tested with h5py beyond {@code Integer.MAX_VALUE} rows).
 *       jHDF's int-based dimensions only limit reading such files back with jHDF, not writing them.</li>
 *   <li>Names HDF5 cannot hold are refused before any file exists ({@code InvalidRequestException}): a channel
 *       or signal named {@code .} or {@code ..}, and in the aligned layout a channel named {@code time}.
 *</li>
 *   <li>Links inside groups are in plan order ({@code time} first).</li>
 *   <li>The file is laid out by {@link com.speeddata.storage.export.Hdf5FileLayout} (superblock version 2,
 *       version 2 object headers, compact links and attributes), with jHDF's encoders for the superblock and the
 *       messages it can write; jHDF 0.13 writes neither variable-length strings, object references, hard links
 *       nor a file without its {@code _jHDF} attribute and "alpha" warning, so this package writes them itself
 *       (see {@link com.speeddata.storage.export.Hdf5Attribute}).</li>
 * </ul>
 *
 * <h2>CSV files</h2>
 * UTF-8, {@code '\n'} line ends, times as RFC 3339 UTC, values as the shortest decimal in {@code Double.toString}'s
 * notation (reads back to the same double), NaN as an empty field. Aligned: {@code time,<channel>/<signal>,...}
 * (the contract). Raw (our choice): long format {@code time,signal,value}, {@code signal} being
 * {@code <channel>/<signal>}, column after column in plan order, each in time order.
 *
 * <h2>Streaming and failures</h2>
 * Neither sink holds a column, and both write front to back into any channel (a file, or a response as it is
 * produced): HDF5 datasets are pulled in blocks of 64K values, read a few blocks ahead on a thread of their own
 * ({@link com.speeddata.storage.export.ReadAhead}), the next dataset's reading begun while the one before is
 * written ({@link com.speeddata.storage.export.DatasetCopy}), after the superblock and root header and before the
 * other headers and the heap; CSV columns go in lockstep a block of rows at a time, formatted on two threads.
 * Sources must give exactly the planned number of values (aligned: {@code gridRows()}; raw HDF5:
 * {@code rawCount()}); otherwise {@code IllegalStateException}. Raw CSV does not check counts, having no header to
 * size. On any failure, including a listener throwing to cancel, the partial file is removed and the exception
 * passes through (an I/O failure as {@code IOException}). An existing target is never touched:
 * {@code FileAlreadyExistsException}. Progress: one report per dataset (or raw CSV column) begun and otherwise at
 * most one per 4 MiB written (CSV: per about 4 MiB), then 1.0 when the file is complete.
 */
package com.speeddata.storage.export;
