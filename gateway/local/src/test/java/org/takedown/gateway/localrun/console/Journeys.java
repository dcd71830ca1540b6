package org.takedown.gateway.localrun.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.takedown.gateway.testing.Cases;
import org.takedown.platform.Platform;

/** Cases the journeys submit, each with content no other case names. */
final class Journeys {

  private Journeys() {}

  /** A case of one Facebook video to take down. */
  static Map<String, Object> oneMetaTakedown(String externalRef) {
    Map<String, Object> body = Cases.sample(externalRef);
    body.put(
        "items", new ArrayList<>(List.of(Cases.item(Cases.freshUrl(Platform.META), "TAKEDOWN"))));
    return body;
  }
}
