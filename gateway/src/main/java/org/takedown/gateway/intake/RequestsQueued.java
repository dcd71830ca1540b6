package org.takedown.gateway.intake;

import java.util.Set;
import org.takedown.platform.Platform;

/** Published after a case commits: these partners have new PENDING requests. */
public record RequestsQueued(Set<Platform> platforms) {}
