package org.takedown.adapters.google;

import org.takedown.platform.Category;

/** Google's harm taxonomy (PARTNERS.md "Mapping from the gateway's categories"). */
enum GoogleCategory {
  FINANCIAL_SCAM,
  SEXUAL_EXTORTION,
  HARASSMENT,
  THREATS,
  VIOLENT_EXTREMISM,
  CSAM,
  HATE,
  OTHER;

  static GoogleCategory of(Category category) {
    return switch (category) {
      case FRAUD -> FINANCIAL_SCAM;
      case SEXTORTION -> SEXUAL_EXTORTION;
      case DEFAMATION, HARASSMENT -> HARASSMENT;
      case THREATS -> THREATS;
      case TERRORISM -> VIOLENT_EXTREMISM;
      case CHILD_SEXUAL_EXPLOITATION -> CSAM;
      case HATE_SPEECH -> HATE;
      case OTHER -> OTHER;
    };
  }
}
