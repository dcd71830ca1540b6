package org.takedown.gateway.refusal;

import java.util.List;

/** The input broke one or more rules; every broken rule is listed. */
public final class InvalidInput extends Refusal {

  private final List<Violation> violations;

  public InvalidInput(List<Violation> violations) {
    super(violations.size() + " field(s) are invalid");
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
