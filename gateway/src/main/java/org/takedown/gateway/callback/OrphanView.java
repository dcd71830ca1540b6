package org.takedown.gateway.callback;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A verified callback about a reference no request carried when it arrived.
 *
 * @param adoptedAt when it was applied to the request that later turned out to carry the reference
 *     (the callback had beaten the create call's answer); null while nobody claims it
 */
@Serdeable
record OrphanView(
    long id,
    String platform,
    String partnerRef,
    String partnerOperation,
    Instant receivedAt,
    String state,
    String outcome,
    Instant preservedUntil,
    String detail,
    Instant adoptedAt) {}
