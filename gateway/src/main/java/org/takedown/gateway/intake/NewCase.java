package org.takedown.gateway.intake;

import java.time.Instant;
import java.util.List;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;

/** A case that passed every rule of GATEWAY-API.md, ready to be stored. */
public record NewCase(
    String externalRef,
    Category category,
    Priority priority,
    String law,
    String article,
    String authorizationRef,
    String requesterName,
    String requesterEmail,
    String requesterUnit,
    boolean nonDisclosure,
    List<Item> items) {

  public NewCase {
    items = List.copyOf(items);
  }

  /** One item, located at its partner; it becomes one request per action. */
  public record Item(
      String url,
      ContentLocation location,
      List<Action> actions,
      String evidenceSha256,
      Instant observedAt,
      String note) {

    public Item {
      actions = List.copyOf(actions);
    }
  }
}
