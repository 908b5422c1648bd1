package com.speeddata.pivot.sample;

/** One stored sample. A NaN value is a gap: stored on purpose, it marks "no valid value at this time". */
public record Sample(long timeNs, double value) {}
