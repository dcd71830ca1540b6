package org.takedown.gateway.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.takedown.gateway.testing.Api;

/**
 * An auditor of the custody log who trusts nothing but the JWKS of {@code /keys}: checks each
 * checkpoint's signature, and each entry's content, leaf and inclusion proof with {@link
 * IndependentVerifier}.
 */
final class Auditor {

  /** A checkpoint whose signature was checked, with its payload's values. */
  record SignedCheckpoint(long treeSize, byte[] rootHash, String at, String jws) {}

  private final Api api;
  private final String token;
  private final JsonMapper json;

  Auditor(Api api, String token, JsonMapper json) {
    this.api = api;
    this.token = token;
    this.json = json;
  }

  /** The newest checkpoint, its JWS checked against the public JWKS (no token sent for keys). */
  SignedCheckpoint checkpoint() {
    Api.Answer answer = api.get("/api/v1/custody/checkpoint", token);
    assertEquals(200, answer.status(), answer.body());
    Map<String, Object> body = answer.json();
    return verified(
        ((Number) body.get("treeSize")).longValue(),
        (String) body.get("rootHash"),
        (String) body.get("at"),
        (String) body.get("jws"));
  }

  /** Checks a JWS as stored or served: ES256 by a key of {@code /keys}, payload as given. */
  SignedCheckpoint verified(long treeSize, String rootHash, String at, String jws) {
    try {
      Api.Answer keys = api.get("/api/v1/custody/keys", null);
      assertEquals(200, keys.status(), keys.body());
      JWKSet jwks = JWKSet.parse(keys.body());
      JWSObject object = JWSObject.parse(jws);
      assertEquals(JWSAlgorithm.ES256, object.getHeader().getAlgorithm());
      ECKey key = (ECKey) jwks.getKeyByKeyId(object.getHeader().getKeyID());
      assertTrue(key != null, "the JWS's kid is in the JWKS");
      assertTrue(object.verify(new ECDSAVerifier(key)), "checkpoint signature");
      Map<String, Object> payload =
          json.readValue(
              object.getPayload().toString(), Argument.mapOf(String.class, Object.class));
      assertEquals(List.of("treeSize", "rootHash", "at"), List.copyOf(payload.keySet()));
      assertEquals(treeSize, ((Number) payload.get("treeSize")).longValue());
      assertEquals(rootHash, payload.get("rootHash"));
      assertEquals(at, payload.get("at"));
      return new SignedCheckpoint(treeSize, Base64.getDecoder().decode(rootHash), at, jws);
    } catch (Exception e) {
      throw new AssertionError("checkpoint does not verify: " + e, e);
    }
  }

  /** The entries of a request, as {@code /entries} serves them: index to exact leaf bytes. */
  Map<Long, byte[]> entriesOfRequest(String requestId) {
    return entries("requestId=" + requestId);
  }

  Map<Long, byte[]> entriesOfCase(String caseId) {
    return entries("caseId=" + caseId);
  }

  private Map<Long, byte[]> entries(String query) {
    Api.Answer answer = api.get("/api/v1/custody/entries?" + query, token);
    assertEquals(200, answer.status(), answer.body());
    Map<Long, byte[]> entries = new java.util.LinkedHashMap<>();
    long previous = -1;
    for (Map<String, Object> item : answer.list("items")) {
      long index = ((Number) item.get("index")).longValue();
      assertTrue(index > previous, "index order");
      previous = index;
      entries.put(index, Base64.getDecoder().decode((String) item.get("leafInput")));
    }
    return entries;
  }

  /** The exact content bytes of an entry, or empty when the API has none. */
  Optional<byte[]> content(long index) {
    HttpResponse<byte[]> response =
        api.download("/api/v1/custody/entries/" + index + "/content", token);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    assertEquals(200, response.statusCode());
    return Optional.of(response.body());
  }

  /**
   * Why the entry at {@code index}, served as {@code leafInput}, does not verify against {@code
   * checkpoint}; empty when it does: its content hashes to its contentSha256, its leaf input names
   * its index, and its inclusion proof leads to the signed root.
   */
  Optional<String> failure(long index, byte[] leafInput, SignedCheckpoint checkpoint) {
    Map<String, Object> leaf;
    try {
      leaf = json.readValue(leafInput, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      return Optional.of("entry " + index + ": leaf input is not JSON");
    }
    if (((Number) leaf.get("index")).longValue() != index) {
      return Optional.of("entry " + index + ": leaf input names index " + leaf.get("index"));
    }
    Optional<byte[]> content = content(index);
    if (content.isEmpty()) {
      return Optional.of("entry " + index + ": no content");
    }
    String contentSha256 = HexFormat.of().formatHex(IndependentVerifier.sha256(content.get()));
    if (!contentSha256.equals(leaf.get("contentSha256"))) {
      return Optional.of("entry " + index + ": content does not match contentSha256");
    }
    Api.Answer proof =
        api.get(
            "/api/v1/custody/proofs/inclusion?index="
                + index
                + "&treeSize="
                + checkpoint.treeSize(),
            token);
    if (proof.status() != 200) {
      return Optional.of("entry " + index + ": no inclusion proof (" + proof.status() + ")");
    }
    @SuppressWarnings("unchecked")
    List<String> path = (List<String>) proof.json().get("auditPath");
    if (!IndependentVerifier.inclusion(
        index,
        checkpoint.treeSize(),
        IndependentVerifier.leafHash(leafInput),
        path,
        checkpoint.rootHash())) {
      return Optional.of("entry " + index + ": inclusion proof does not lead to the signed root");
    }
    return Optional.empty();
  }

  /** The consistency proof between two checkpoints, checked. */
  boolean consistent(SignedCheckpoint older, SignedCheckpoint newer) {
    Api.Answer proof =
        api.get(
            "/api/v1/custody/proofs/consistency?from="
                + older.treeSize()
                + "&to="
                + newer.treeSize(),
            token);
    assertEquals(200, proof.status(), proof.body());
    @SuppressWarnings("unchecked")
    List<String> path = (List<String>) proof.json().get("proof");
    return IndependentVerifier.consistency(
        older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(), path);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
