package org.takedown.gateway.console;

import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;

/**
 * The cases the console marks wherever their requests appear: terrorism and emergencies, whose
 * partners have an hour (DOMAIN.md, "Deadlines that matter").
 */
final class CriticalCases {

  private CriticalCases() {}

  static boolean isCritical(Category category, Priority priority) {
    return category == Category.TERRORISM || priority == Priority.EMERGENCY;
  }
}
