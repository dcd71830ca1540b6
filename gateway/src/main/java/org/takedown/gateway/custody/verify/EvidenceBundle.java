package org.takedown.gateway.custody.verify;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.InclusionProof;
import org.takedown.gateway.custody.tree.InvalidProofException;
import org.takedown.gateway.custody.tree.MerkleTree;

/**
 * A case's evidence bundle (GATEWAY-API.md "Chain of custody"), checked with nothing but itself:
 * {@code checkpoint.json} signed by a key of {@code keys.json}; then each entry in index order, its
 * {@code entries/{index}.json} (the exact leaf input: naming that index, the bundle's case, and the
 * SHA-256 of {@code content/{index}}) and its {@code proofs/{index}.json} leading from the leaf
 * hash to the checkpoint's root. The first thing that fails stops the check and is named.
 */
public final class EvidenceBundle {

  static final String CHECKPOINT = "checkpoint.json";
  static final String KEYS = "keys.json";

  private static final Pattern ENTRY = Pattern.compile("entries/(0|[1-9][0-9]{0,18})\\.json");
  private static final Pattern CONTENT = Pattern.compile("content/(0|[1-9][0-9]{0,18})");
  private static final Pattern PROOF = Pattern.compile("proofs/(0|[1-9][0-9]{0,18})\\.json");

  /** The leaf input's members (GATEWAY-API.md). */
  private static final List<String> LEAF_MEMBERS =
      List.of("index", "at", "kind", "requestId", "caseId", "platform", "actor", "contentSha256");

  /** What a bundle that verifies holds. */
  public record Verified(
      SignedCheckpoint checkpoint, JWKSet keys, String caseId, List<Long> indexes) {}

  private EvidenceBundle() {}

  /**
   * Checks the bundle in {@code zip}.
   *
   * @throws VerificationFailure naming the first entry (or file) that fails, and why
   * @throws IOException when the file cannot be read at all
   */
  public static Verified verify(Path zip) throws VerificationFailure, IOException {
    ZipFile file;
    try {
      file = new ZipFile(zip.toFile());
    } catch (ZipException e) {
      throw VerificationFailure.bundle(zip + " is not a ZIP file (" + e.getMessage() + ")");
    }
    try (file) {
      return verify(file);
    }
  }

  private static Verified verify(ZipFile zip) throws VerificationFailure, IOException {
    TreeSet<Long> indexes = layout(zip);
    JWKSet keys;
    try {
      keys = JWKSet.parse(new String(read(zip, KEYS), java.nio.charset.StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw VerificationFailure.bundle(KEYS + " is not a JWKS (" + e.getMessage() + ")");
    }
    SignedCheckpoint checkpoint =
        SignedCheckpoint.verify(read(zip, CHECKPOINT), keys, "checkpoint");
    String caseId = null;
    for (long index : indexes) {
      String entryCase = entry(zip, index, checkpoint, caseId);
      if (caseId == null) {
        caseId = entryCase;
      }
    }
    return new Verified(checkpoint, keys, caseId, List.copyOf(indexes));
  }

  /** The indexes of the entries; every file of the bundle is one the layout names, once. */
  private static TreeSet<Long> layout(ZipFile zip) throws VerificationFailure {
    Set<String> names = new HashSet<>();
    TreeSet<Long> indexes = new TreeSet<>();
    List<ZipEntry> entries = new ArrayList<>();
    zip.stream().forEach(entries::add);
    for (ZipEntry entry : entries) {
      String name = entry.getName();
      if (entry.isDirectory()) {
        continue; // a re-zipped bundle may list its folders
      }
      if (!names.add(name)) {
        throw VerificationFailure.bundle(name + " appears twice");
      }
      Long index = index(name);
      if (index != null) {
        indexes.add(index);
      } else if (!name.equals(CHECKPOINT) && !name.equals(KEYS)) {
        throw VerificationFailure.bundle(
            "unexpected file "
                + name
                + " (a bundle holds checkpoint.json, keys.json, and"
                + " entries/{index}.json, content/{index}, proofs/{index}.json per entry)");
      }
    }
    for (String required : List.of(CHECKPOINT, KEYS)) {
      if (!names.contains(required)) {
        throw VerificationFailure.bundle("no " + required);
      }
    }
    return indexes;
  }

  private static Long index(String name) {
    for (Pattern pattern : List.of(ENTRY, CONTENT, PROOF)) {
      Matcher matcher = pattern.matcher(name);
      if (matcher.matches()) {
        try {
          return Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** Checks the entry at {@code index}; returns its case. */
  private static String entry(ZipFile zip, long index, SignedCheckpoint checkpoint, String caseId)
      throws VerificationFailure {
    String leafName = "entries/" + index + ".json";
    String contentName = "content/" + index;
    String proofName = "proofs/" + index + ".json";
    for (String name : List.of(leafName, contentName, proofName)) {
      if (zip.getEntry(name) == null) {
        throw VerificationFailure.entry(index, name + " is missing from the bundle");
      }
    }
    byte[] leafInput = read(zip, index, leafName);
    Map<String, Object> leaf = Json.object(leafInput);
    if (leaf == null) {
      throw VerificationFailure.entry(index, leafName + " is not a JSON object");
    }
    for (String member : LEAF_MEMBERS) {
      if (!leaf.containsKey(member)) {
        throw VerificationFailure.entry(index, leafName + " has no " + member);
      }
    }
    Long named = Json.whole(leaf, "index");
    if (named == null || named != index) {
      throw VerificationFailure.entry(index, leafName + " names index " + leaf.get("index"));
    }
    String entryCase = Json.string(leaf, "caseId");
    if (entryCase == null) {
      throw VerificationFailure.entry(index, leafName + " names no case");
    }
    if (caseId != null && !caseId.equals(entryCase)) {
      throw VerificationFailure.entry(
          index,
          leafName + " is of case " + entryCase + ", the bundle's first entry of case " + caseId);
    }
    String declared = Json.string(leaf, "contentSha256");
    String actual;
    try {
      actual = sha256(zip, contentName);
    } catch (IOException e) {
      throw VerificationFailure.entry(index, contentName + " cannot be read (" + e + ")");
    }
    if (!actual.equals(declared)) {
      throw VerificationFailure.entry(
          index,
          contentName
              + " does not match the contentSha256 of "
              + leafName
              + " (the content hashes to "
              + actual
              + ", the entry says "
              + declared
              + ")");
    }
    InclusionProof proof = proof(zip, proofName, index, checkpoint);
    try {
      proof.verify(MerkleTree.leafHash(leafInput), checkpoint.rootHash());
    } catch (InvalidProofException e) {
      throw VerificationFailure.entry(
          index,
          "the leaf hash of "
              + leafName
              + " and "
              + proofName
              + " do not lead to the checkpoint's root ("
              + e.getMessage()
              + ")");
    }
    return entryCase;
  }

  private static InclusionProof proof(
      ZipFile zip, String name, long index, SignedCheckpoint checkpoint)
      throws VerificationFailure {
    Map<String, Object> proof = Json.object(read(zip, index, name));
    if (proof == null) {
      throw VerificationFailure.entry(index, name + " is not a JSON object");
    }
    Long proofIndex = Json.whole(proof, "index");
    Long treeSize = Json.whole(proof, "treeSize");
    if (proofIndex == null || proofIndex != index) {
      throw VerificationFailure.entry(index, name + " is the proof of index " + proof.get("index"));
    }
    if (treeSize == null || treeSize != checkpoint.treeSize()) {
      throw VerificationFailure.entry(
          index,
          name
              + " is for a tree of "
              + proof.get("treeSize")
              + " entries, the checkpoint's has "
              + checkpoint.treeSize());
    }
    if (!(proof.get("auditPath") instanceof List<?> path)) {
      throw VerificationFailure.entry(index, name + " has no auditPath");
    }
    List<Hash> hashes = new ArrayList<>(path.size());
    for (Object hash : path) {
      try {
        hashes.add(Hash.of(Base64.getDecoder().decode((String) hash)));
      } catch (RuntimeException e) {
        throw VerificationFailure.entry(
            index, name + ": " + hash + " is not a hash (32 bytes of base64)");
      }
    }
    return new InclusionProof(index, treeSize, hashes);
  }

  /** A file of entry {@code index}; one that cannot be read (a bad CRC, ...) fails the entry. */
  private static byte[] read(ZipFile zip, long index, String name) throws VerificationFailure {
    try {
      return read(zip, name);
    } catch (IOException e) {
      throw VerificationFailure.entry(index, name + " cannot be read (" + e + ")");
    }
  }

  private static byte[] read(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return in.readAllBytes();
    }
  }

  /** The hex SHA-256 of a file, streamed: a content can be large. */
  private static String sha256(ZipFile zip, String name) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
