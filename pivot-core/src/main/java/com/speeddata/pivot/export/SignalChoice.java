package com.speeddata.pivot.export;

import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.JsonPointer;
import com.speeddata.pivot.Quote;
import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.Names;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signals a request's {@code channels} and {@code signals} name, looked up in the catalog, in request order:
 * channels as listed, then each channel's signals as listed, or in catalog order when it takes them all.
 * Malformed selections become field errors; names the catalog lacks are collected, every one of them.
 */
final class SignalChoice {
    private final List<SignalInfo> chosen = new ArrayList<>();
    /** Every {@code channel/signal} the request means, including named ones the catalog lacks. */
    private final Set<String> requestedPaths = new HashSet<>();

    private final List<String> unknown = new ArrayList<>();

    private SignalChoice() {}

    static SignalChoice of(ExportRequest request, Catalog catalog, List<FieldError> errors) {
        SignalChoice choice = new SignalChoice();
        List<String> channels = request.channels();
        if (channels.isEmpty()) {
            errors.add(new FieldError("/channels", "an export needs at least one channel, e.g. [\"ch1\", \"ch2\"]"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            String pointer = JsonPointer.append("/channels", i);
            if (!Names.isValid(channel)) {
                errors.add(new FieldError(pointer, Quote.of(channel) + " is not a channel name: " + Names.RULE));
            } else if (!seen.add(channel)) {
                errors.add(new FieldError(pointer, "channel '" + channel + "' is listed twice"));
            } else {
                SignalSelection selection = request.signals().getOrDefault(channel, SignalSelection.ALL);
                choice.addChannel(channel, selection, catalog.listChannel(channel), errors);
            }
        }
        for (String channel : request.signals().keySet()) {
            if (!channels.contains(channel)) {
                errors.add(new FieldError(
                        JsonPointer.append("/signals", channel),
                        Quote.of(channel) + " is not one of the requested channels"));
            }
        }
        return choice;
    }

    private void addChannel(
            String channel, SignalSelection selection, List<SignalInfo> known, List<FieldError> errors) {
        if (selection instanceof SignalSelection.Named named) {
            addNamed(channel, named.signals(), known, errors);
        } else if (known.isEmpty()) {
            unknown.add(channel);
        } else {
            for (SignalInfo info : known) {
                chosen.add(info);
                requestedPaths.add(info.key().path());
            }
        }
    }

    private void addNamed(String channel, List<String> signals, List<SignalInfo> known, List<FieldError> errors) {
        Map<String, SignalInfo> byName = new LinkedHashMap<>();
        known.forEach(info -> byName.put(info.key().signal(), info));
        if (known.isEmpty()) {
            unknown.add(channel);
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < signals.size(); j++) {
            String signal = signals.get(j);
            String pointer = JsonPointer.append(JsonPointer.append("/signals", channel), j);
            if (!Names.isValid(signal)) {
                errors.add(new FieldError(pointer, Quote.of(signal) + " is not a signal name: " + Names.RULE));
                continue;
            }
            if (!seen.add(signal)) {
                errors.add(new FieldError(pointer, "signal '" + signal + "' is listed twice"));
                continue;
            }
            String path = new SignalKey(channel, signal).path();
            requestedPaths.add(path);
            SignalInfo info = byName.get(signal);
            if (info != null) {
                chosen.add(info);
            } else if (!known.isEmpty()) {
                unknown.add(path);
            }
        }
    }

    List<SignalInfo> chosen() {
        return chosen;
    }

    Set<String> requestedPaths() {
        return requestedPaths;
    }

    List<String> unknown() {
        return unknown;
    }
}
