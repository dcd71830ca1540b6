package org.takedown.platform;

/** The gateway's harm categories; each adapter maps them to its platform's taxonomy. */
public enum Category {
  FRAUD,
  SEXTORTION,
  DEFAMATION,
  HARASSMENT,
  THREATS,
  TERRORISM,
  CHILD_SEXUAL_EXPLOITATION,
  HATE_SPEECH,
  OTHER
}
