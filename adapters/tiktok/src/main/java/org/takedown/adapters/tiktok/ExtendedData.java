package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code data} of the extension answer: the new end of the preservation, in unix seconds. */
@Serdeable
record ExtendedData(@JsonProperty("preserve_expire_time") @Nullable Long preserveExpireTime) {}
