package org.takedown.gateway.console;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.takedown.contracts.RequestDetail;
import org.takedown.gateway.actions.ActionResult;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.refusal.Refusal;

/**
 * What one action taken on several requests did to each of them: the one result every console page
 * shows after a bulk action ({@code fragments/bulkResult.jte}), whether it came from the bulk form
 * of the lists, the preservations' extension or the dead letter's retry. Every request asked for
 * has its line, and every line that is not done says why: the problem the API would answer, an
 * unexpected error, or that it was not attempted.
 *
 * @param lines one per request asked for, in the order asked
 */
public record BulkOutcome(OfficerAction action, List<Line> lines) {

  public long done() {
    return lines.stream().filter(Line::done).count();
  }

  public long notDone() {
    return lines.size() - done();
  }

  /**
   * One request and what happened to it.
   *
   * @param request the request as it is after the action; null if it does not exist
   * @param problem why it was refused; null unless refused
   * @param failure the unexpected error's type; null unless it failed
   */
  public record Line(
      UUID id, RequestDetail request, ActionResult.Kind kind, ProblemView problem, String failure) {

    /** The use case's result for a request that is now {@code request} (null: none). */
    static Line of(ActionResult result, RequestDetail request) {
      return new Line(
          result.requestId(),
          request,
          result.kind(),
          result.refusal() == null ? null : ProblemView.of(result.refusal()),
          result.failure());
    }

    /** Done: the request is now {@code request}. */
    static Line done(UUID id, RequestDetail request) {
      return new Line(id, request, ActionResult.Kind.DONE, null, null);
    }

    /** Refused for {@code refusal}, nothing changed: the request is {@code request} (or none). */
    static Line refused(UUID id, RequestDetail request, Refusal refusal) {
      return new Line(id, request, ActionResult.Kind.REFUSED, ProblemView.of(refusal), null);
    }

    public boolean done() {
      return kind == ActionResult.Kind.DONE;
    }

    public String shortId() {
      return id.toString().substring(0, 8);
    }

    /** {@code done}, {@code refused}, {@code failed}, {@code not-attempted}. */
    public String outcome() {
      return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
