package org.takedown.adapters.google;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The part of a push's decoded {@code data} the gateway reads: which legal request, and the
 * operation that tracks it. The state, resolution and dates beside them are not read: the push
 * token does not vouch for them (see {@link GoogleCallbacks}).
 */
@Serdeable
record PushData(@Nullable String operation, @Nullable String legalRequest) {}
