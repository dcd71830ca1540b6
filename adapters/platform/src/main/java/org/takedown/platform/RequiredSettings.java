package org.takedown.platform;

import java.util.List;

/**
 * The settings without which a partner's adapter cannot run against the real partner. The gateway
 * reads them before it starts, so that a production run missing any of them is refused with one
 * message naming them all, instead of failing call by call or being stood in for.
 *
 * <p>Each adapter provides one implementation, found with {@link java.util.ServiceLoader} (listed
 * in its {@code META-INF/services/org.takedown.platform.RequiredSettings}).
 */
public interface RequiredSettings {

  Platform platform();

  /** The property whose presence means the partner is configured: its base URL. */
  String baseUrlProperty();

  /** Every property a real run must set, {@link #baseUrlProperty()} first. */
  List<String> properties();
}
