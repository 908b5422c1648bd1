package com.speeddata.server;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("wiring comes next");
    }
}
