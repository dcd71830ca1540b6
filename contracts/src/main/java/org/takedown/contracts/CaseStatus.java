package org.takedown.contracts;

/** OPEN while any of the case's requests is not terminal. */
public enum CaseStatus {
  OPEN,
  CLOSED
}
