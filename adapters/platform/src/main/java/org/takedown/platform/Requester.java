package org.takedown.platform;

/** The officer and unit a platform answers to. {@code name} and {@code unit} may be null. */
public record Requester(String name, String email, String unit) {}
