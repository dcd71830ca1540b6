package org.takedown.contracts;

/** How fast the unit needs an answer; it sets each request's {@code dueAt}. */
public enum Priority {
  ROUTINE,
  URGENT,
  EMERGENCY
}
