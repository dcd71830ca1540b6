package org.takedown.contracts;

/** What is asked of the partner for one item. */
public enum Action {
  TAKEDOWN,
  PRESERVATION
}
