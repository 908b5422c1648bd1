package com.speeddata.scoring.learn;

import com.speeddata.scoring.Label;
import java.util.Objects;

/**
 * One labelled training text.
 *
 * @param source where it comes from ({@link TrainingData#TWEETS}, {@code headlines}, {@code news}, {@code numbers})
 * @param id     its id in that source (row number for tweets), for the fold it falls in
 */
record Example(String source, int id, Label label, String text) {

    Example {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(text, "text");
    }

    boolean isTweet() {
        return source.equals(TrainingData.TWEETS);
    }
}
