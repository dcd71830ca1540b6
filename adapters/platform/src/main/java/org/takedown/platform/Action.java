package org.takedown.platform;

/** What the unit asks a platform to do with one piece of content. */
public enum Action {
  /** Remove the content, or restrict it in the requesting country. */
  TAKEDOWN,
  /** Preserve the data behind the content pending formal legal process. */
  PRESERVATION
}
