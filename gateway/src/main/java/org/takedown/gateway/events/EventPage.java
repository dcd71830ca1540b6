package org.takedown.gateway.events;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of the feed; {@code nextCursor} is never null, so a client tails by asking again. */
@Serdeable
record EventPage(List<EventView> items, String nextCursor) {}
