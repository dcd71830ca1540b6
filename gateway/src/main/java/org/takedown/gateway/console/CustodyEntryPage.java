package org.takedown.gateway.console;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.takedown.gateway.custody.ReadCustodyLog.EntryProof;
import org.takedown.gateway.custody.tree.Hash;

/**
 * One custody entry: its leaf input, its content's hash, and its inclusion proof to the newest
 * signed checkpoint with what the gateway checked of it ({@link EntryProof}).
 */
public record CustodyEntryPage(EntryProof entry) {

  public long index() {
    return entry.index();
  }

  /** The leaf input as the UTF-8 text it is. */
  public String leafInputText() {
    return new String(entry.leafInput(), StandardCharsets.UTF_8);
  }

  public List<EntryProof.Field> fields() {
    return entry.fields();
  }

  /** The SHA-256 of the content as stored, in hex, as {@code contentSha256} writes it. */
  public String storedContentSha256() {
    return HexFormat.of().formatHex(entry.storedContentSha256());
  }

  public String leafHash() {
    return entry.leafHash().base64();
  }

  public List<String> auditPath() {
    return entry.proof().auditPath().stream().map(Hash::base64).toList();
  }

  public String root() {
    return entry.checkpoint().rootHash().base64();
  }

  /** The request the entry concerns; null for a callback that matched none. */
  public String requestId() {
    return entry.field("requestId");
  }

  public String caseId() {
    return entry.field("caseId");
  }

  /** The entry's kind, in words, is {@code custody.kind.<kind>}. */
  public String kind() {
    return entry.field("kind");
  }
}
