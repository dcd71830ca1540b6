package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.TestGateway;

/**
 * The dispatch lease must outlast the longest call of every partner, as each adapter tells it from
 * its own timeouts (Meta: one exchange a call; TikTok and Google: a token grant and the call, twice
 * after a refused token). The gateway reads none of the adapters' settings to know it.
 */
class PartnerLeaseCheckIT {

  /** TikTok and Google at 4 x (1s + 1s) = 8s; Meta at its defaults, 1 x (5s + 10s) = 15s. */
  private static final String[] QUICK_TOKEN_PARTNERS = {
    "gateway.partners.tiktok.connect-timeout", "1s",
    "gateway.partners.tiktok.read-timeout", "1s",
    "gateway.partners.google.connect-timeout", "1s",
    "gateway.partners.google.read-timeout", "1s"
  };

  @Test
  void startsWithALeaseThatOutlastsEveryPartnersLongestCall() {
    // 20s: more than Meta's one exchange of 15s, though less than 4 x Meta's timeouts
    try (ApplicationContext gateway = start("20s")) {
      assertTrue(gateway.isRunning());
    }
  }

  @Test
  void refusesToStartWithALeaseNoLongerThanMetasLongestCall() {
    RuntimeException refused = assertThrows(RuntimeException.class, () -> start("15s").close());

    String messages = messages(refused);
    assertTrue(
        messages.contains(
            "gateway.dispatch.lease (PT15S) must be longer than the longest META call (PT15S"),
        messages);
  }

  @Test
  void refusesToStartWithALeaseNoLongerThanATokenPartnersLongestCall() {
    Map<String, String> properties = new HashMap<>(TestGateway.properties(QUICK_TOKEN_PARTNERS));
    properties.put("gateway.partners.tiktok.read-timeout", "4s");
    properties.put("gateway.dispatch.lease", "20s");

    RuntimeException refused =
        assertThrows(
            RuntimeException.class,
            () -> ApplicationContext.run(new HashMap<>(properties), "test").close());

    String messages = messages(refused);
    assertTrue(messages.contains("the longest TIKTOK call (PT20S"), messages);
  }

  private static ApplicationContext start(String lease) {
    Map<String, Object> properties = new HashMap<>(TestGateway.properties(QUICK_TOKEN_PARTNERS));
    properties.put("gateway.dispatch.lease", lease);
    return ApplicationContext.run(properties, "test");
  }

  private static String messages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
