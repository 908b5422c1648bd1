package com.speeddata.pivot.export;

import java.util.Locale;
import java.util.Optional;

/** Output file format, with its media type and file extension. */
public enum Format {
    HDF5("application/x-hdf5", "h5"),
    CSV("text/csv", "csv");

    private final String contentType;
    private final String extension;

    Format(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public static Optional<Format> parse(String text) {
        return Wire.parse(Format.class, text);
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
