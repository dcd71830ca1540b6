package org.takedown.contracts;

/** What the partner did with a COMPLETED request. */
public enum Outcome {
  REMOVED,
  RESTRICTED,
  PRESERVED,
  NOT_FOUND,
  NO_VIOLATION,
  DECLINED
}
