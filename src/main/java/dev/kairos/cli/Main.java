package dev.kairos.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("kairos");
    }
}
