package org.takedown.gateway.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.custody.CustodyViews.CheckpointView;
import org.takedown.gateway.custody.CustodyViews.ConsistencyProofView;
import org.takedown.gateway.custody.CustodyViews.EntryItem;
import org.takedown.gateway.custody.CustodyViews.EntryList;
import org.takedown.gateway.custody.CustodyViews.InclusionProofView;
import org.takedown.gateway.custody.tree.ConsistencyProof;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.InclusionProof;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;

/**
 * The custody log's endpoints (GATEWAY-API.md "Chain of custody"): liaison officers and admins; the
 * checkpoint keys are public. A malformed parameter is a 400 naming each bad one; a position beyond
 * the newest signed checkpoint is a 404.
 */
@Controller("/api/v1/custody")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class CustodyController {

  private final ReadCustodyLog log;
  private final CheckpointSigner signer;

  CustodyController(ReadCustodyLog log, CheckpointSigner signer) {
    this.log = log;
    this.signer = signer;
  }

  /** The JWKS of the checkpoint signing keys: anyone may verify a checkpoint. */
  @Get("/keys")
  @Secured(SecurityRule.IS_ANONYMOUS)
  Map<String, Object> keys() {
    return signer.jwks();
  }

  @Get("/checkpoint")
  CheckpointView checkpoint() {
    return CheckpointView.of(log.checkpoint());
  }

  @Get("/entries")
  EntryList entries(@Nullable @QueryValue String requestId, @Nullable @QueryValue String caseId) {
    List<Violation> violations = new ArrayList<>();
    if ((requestId == null) == (caseId == null)) {
      violations.add(new Violation("requestId", "give exactly one of requestId and caseId"));
      violations.add(new Violation("caseId", "give exactly one of requestId and caseId"));
      throw new InvalidInput(violations);
    }
    UUID id =
        uuid(
            requestId != null ? "requestId" : "caseId",
            requestId != null ? requestId : caseId,
            violations);
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    List<ReadCustodyLog.Leaf> leaves = requestId != null ? log.ofRequest(id) : log.ofCase(id);
    Base64.Encoder base64 = Base64.getEncoder();
    return new EntryList(
        leaves.stream()
            .map(leaf -> new EntryItem(leaf.index(), base64.encodeToString(leaf.leafInput())))
            .toList());
  }

  @Get("/entries/{index}/content")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  HttpResponse<byte[]> content(@PathVariable String index) {
    List<Violation> violations = new ArrayList<>();
    long position = position("index", index, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return HttpResponse.ok(log.content(position)).contentType(MediaType.APPLICATION_OCTET_STREAM);
  }

  @Get("/proofs/inclusion")
  InclusionProofView inclusion(
      @Nullable @QueryValue String index, @Nullable @QueryValue String treeSize) {
    List<Violation> violations = new ArrayList<>();
    long leaf = position("index", index, violations);
    long size = position("treeSize", treeSize, violations);
    if (violations.isEmpty() && leaf >= size) {
      violations.add(new Violation("index", "must be below treeSize"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    InclusionProof proof = log.inclusion(leaf, size);
    return new InclusionProofView(proof.index(), proof.treeSize(), base64(proof.auditPath()));
  }

  @Get("/proofs/consistency")
  ConsistencyProofView consistency(
      @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
    List<Violation> violations = new ArrayList<>();
    long older = position("from", from, violations);
    long newer = position("to", to, violations);
    if (violations.isEmpty() && older > newer) {
      violations.add(new Violation("from", "must not exceed to"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    ConsistencyProof proof = log.consistency(older, newer);
    return new ConsistencyProofView(proof.from(), proof.to(), base64(proof.path()));
  }

  private static List<String> base64(List<Hash> hashes) {
    return hashes.stream().map(Hash::base64).toList();
  }

  /** A whole number from 0; a violation (and -1) when missing or not one. */
  private static long position(String name, @Nullable String value, List<Violation> violations) {
    if (value == null || value.isBlank()) {
      violations.add(new Violation(name, "is required"));
      return -1;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0 && value.chars().allMatch(Character::isDigit)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    violations.add(new Violation(name, "must be a whole number from 0"));
    return -1;
  }

  private static UUID uuid(String name, String value, List<Violation> violations) {
    try {
      UUID id = UUID.fromString(value);
      if (id.toString().equalsIgnoreCase(value)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    violations.add(new Violation(name, "must be a UUID"));
    return null;
  }
}
