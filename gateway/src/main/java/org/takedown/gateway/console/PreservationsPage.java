package org.takedown.gateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.contracts.Priority;

/**
 * The preservations partners hold, the first to end first: those ending within {@code
 * gateway.preservation.warn-before} lead and are marked; the form that extends the ticked ones with
 * one reason, and what the last extension did to each.
 *
 * @param warnDays {@code gateway.preservation.warn-before} in whole days
 * @param expiring how many preservations end within it, by the last count (null before one)
 * @param reason the reason as typed, shown again when the form is refused
 * @param selected the ticked ids, shown again when the form is refused
 * @param errors for each field that is wrong ({@code ids}, {@code reason}), its message
 * @param results what the last extension did to each preservation ticked; null before one
 * @param nextHref the next page's address, null on the last page
 * @param firstHref the first page's address, null on the first page
 * @param cursor the position of this page, which the form carries back; null on the first
 */
public record PreservationsPage(
    List<Row> rows,
    long warnDays,
    Long expiring,
    String reason,
    Set<UUID> selected,
    Map<String, String> errors,
    BulkOutcome results,
    String nextHref,
    String firstHref,
    String cursor,
    String limit,
    int reasonMaxLength) {

  /**
   * One preservation.
   *
   * @param expiring it ends within the warning period: marked, its countdown red
   * @param seen what the extension form sends back for it ({@code <id>@<preservedUntil>}), so that
   *     a form sent twice, or after someone else extended it, does not extend it again
   */
  public record Row(
      UUID id,
      UUID caseId,
      String caseRef,
      Category category,
      Priority priority,
      Platform platform,
      String canonicalUrl,
      Instant preservedUntil,
      Countdown countdown,
      boolean expiring,
      String seen) {

    public String shortId() {
      return id.toString().substring(0, 8);
    }
  }

  public String error(String field) {
    return errors.get(field);
  }

  public boolean selected(UUID id) {
    return selected.contains(id);
  }
}
