package org.takedown.platform;

/** What a partner finally did with a completed request. */
public enum Outcome {
  REMOVED,
  RESTRICTED,
  PRESERVED,
  NOT_FOUND,
  NO_VIOLATION,
  DECLINED
}
