package org.takedown.gateway.custody;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The JSON of the custody endpoints (GATEWAY-API.md "Chain of custody"); base64 is standard. */
final class CustodyViews {

  private CustodyViews() {}

  /** {@code at} is written exactly as in the signed payload. */
  @Serdeable
  record CheckpointView(long treeSize, String rootHash, String at, String jws) {
    static CheckpointView of(Checkpoint checkpoint) {
      return new CheckpointView(
          checkpoint.treeSize(),
          checkpoint.rootHash().base64(),
          LeafInput.rfc3339(checkpoint.at()),
          checkpoint.jws());
    }
  }

  @Serdeable
  record EntryItem(long index, String leafInput) {}

  @Serdeable
  record EntryList(List<EntryItem> items) {}

  @Serdeable
  record InclusionProofView(long index, long treeSize, List<String> auditPath) {}

  @Serdeable
  record ConsistencyProofView(long from, long to, List<String> proof) {}
}
