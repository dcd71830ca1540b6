package org.takedown.gateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.takedown.contracts.Platform;

/**
 * The dead letter: FAILED requests, newest failure first, with the filters that chose them, a
 * page's worth at a time; the selection form to retry some of them, and what the last retry of a
 * selection did.
 *
 * @param form the filters as asked for
 * @param failedFromInput what the {@code failedFrom} field shows: the bound in the console's zone
 *     ({@code datetime-local}), or what was typed when it could not be read
 * @param failedToInput the same for {@code failedTo}
 * @param errors for each field that is wrong, its message
 * @param selected the ids ticked when the page is shown again after a refused selection
 * @param results what the last retry of a selection did to each request; null before one
 * @param nextHref the next page's address, null on the last page
 * @param firstHref the first page's address, null on the first page
 */
public record DeadLetterPage(
    DeadLetterForm form,
    String failedFromInput,
    String failedToInput,
    List<Platform> platforms,
    List<Row> rows,
    String nextHref,
    String firstHref,
    Map<String, String> errors,
    Set<UUID> selected,
    BulkOutcome results) {

  /** One FAILED request: when it failed, to which partner, and why. */
  public record Row(
      UUID id,
      UUID caseId,
      Platform platform,
      org.takedown.contracts.Action action,
      Instant failedAt,
      int attempts,
      String reason,
      String canonicalUrl) {

    public String shortId() {
      return id.toString().substring(0, 8);
    }
  }

  /** The message for {@code field}, or null. */
  public String error(String field) {
    return errors.get(field);
  }

  public boolean selected(UUID id) {
    return selected.contains(id);
  }

  /** The filters' values, for the templates (the record itself is package-private). */
  public String platform() {
    return form.platform();
  }

  public String failedFrom() {
    return form.failedFrom();
  }

  public String failedTo() {
    return form.failedTo();
  }

  public String limit() {
    return form.limit();
  }

  public String cursor() {
    return form.cursor();
  }
}
