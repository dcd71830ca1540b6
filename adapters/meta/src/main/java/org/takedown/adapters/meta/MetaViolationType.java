package org.takedown.adapters.meta;

import org.takedown.platform.Category;

/** Meta's violation types, and which one each gateway category becomes (PARTNERS.md mapping). */
enum MetaViolationType {
  FRAUD_SCAM,
  SEXTORTION,
  BULLYING_HARASSMENT,
  VIOLENT_THREAT,
  TERRORISM,
  CHILD_EXPLOITATION,
  HATE_SPEECH,
  OTHER;

  static MetaViolationType of(Category category) {
    return switch (category) {
      case FRAUD -> FRAUD_SCAM;
      case SEXTORTION -> SEXTORTION;
      case DEFAMATION, HARASSMENT -> BULLYING_HARASSMENT;
      case THREATS -> VIOLENT_THREAT;
      case TERRORISM -> TERRORISM;
      case CHILD_SEXUAL_EXPLOITATION -> CHILD_EXPLOITATION;
      case HATE_SPEECH -> HATE_SPEECH;
      case OTHER -> OTHER;
    };
  }
}
