package org.takedown.gateway.callback;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of orphaned callbacks, newest first; {@code nextCursor} null on the last page. */
@Serdeable
record OrphanPage(List<OrphanView> items, String nextCursor) {}
