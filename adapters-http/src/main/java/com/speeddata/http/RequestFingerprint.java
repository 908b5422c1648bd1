package com.speeddata.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The fingerprint of a request for idempotent submits: SHA-256 of the owner and the body as canonical JSON (keys
 * sorted), so the same request sent again — with its fields in any order — matches, and another does not.
 */
public final class RequestFingerprint {
    private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL =
            Json.MAPPER.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private RequestFingerprint() {}

    public static String of(String owner, ObjectNode body) {
        try {
            String canonical = CANONICAL.writeValueAsString(CANONICAL.convertValue(body, TreeMap.class));
            return sha256(owner + "\n" + canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
