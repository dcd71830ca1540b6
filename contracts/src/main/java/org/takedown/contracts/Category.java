package org.takedown.contracts;

/** A case's harm category. */
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
