package org.takedown.contracts;

import java.util.List;

/** A page of requests, newest first; {@code nextCursor} is null on the last page. */
public record RequestPage(List<RequestView> items, String nextCursor) {}
