package org.takedown.gateway.tracking;

import org.takedown.platform.Platform;

/**
 * Published after a transaction that made polls of {@code platform} due at once has committed (a
 * partner's hint): this instance's polling lane looks now rather than after its idle interval.
 */
public record PollsDue(Platform platform) {}
