package org.takedown.gateway.intake;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;

/**
 * How long a partner has to act, from the case's creation. TERRORISM follows the EU's one-hour rule
 * whatever the priority; otherwise the priority decides.
 */
@ConfigurationProperties("gateway.deadlines")
public record Deadlines(
    @Bindable(defaultValue = "1h") @NotNull Duration emergency,
    @Bindable(defaultValue = "1h") @NotNull Duration terrorism,
    @Bindable(defaultValue = "24h") @NotNull Duration urgent,
    @Bindable(defaultValue = "72h") @NotNull Duration routine) {

  public Duration of(Priority priority, Category category) {
    Duration byPriority =
        switch (priority) {
          case EMERGENCY -> emergency;
          case URGENT -> urgent;
          case ROUTINE -> routine;
        };
    if (category == Category.TERRORISM && terrorism.compareTo(byPriority) < 0) {
      return terrorism;
    }
    return byPriority;
  }
}
