package org.takedown.gateway.custody;

import java.time.Instant;
import org.takedown.gateway.custody.tree.Hash;

/**
 * A signed tree head: the tree of the first {@code treeSize} entries has root {@code rootHash}, as
 * signed at {@code at}; {@code jws} is the compact ES256 JWS of {@code
 * {"treeSize","rootHash","at"}}.
 */
public record Checkpoint(long treeSize, Hash rootHash, Instant at, String jws) {}
