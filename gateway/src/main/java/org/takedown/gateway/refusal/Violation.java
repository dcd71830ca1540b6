package org.takedown.gateway.refusal;

/** One broken rule: {@code field} is a path such as {@code items[2].url} or a query parameter. */
public record Violation(String field, String message) {}
