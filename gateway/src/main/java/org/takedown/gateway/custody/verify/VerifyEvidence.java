package org.takedown.gateway.custody.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.takedown.gateway.custody.tree.ConsistencyProof;
import org.takedown.gateway.custody.tree.Hash;
import org.takedown.gateway.custody.tree.InvalidProofException;

/**
 * The offline verification of a case's evidence bundle (README, "Chain of custody"): no database,
 * no configuration, nothing but the bundle and this jar.
 *
 * <pre>
 * java -cp takedown-gateway.jar org.takedown.gateway.custody.verify.VerifyEvidence BUNDLE.zip
 *     [--checkpoint EARLIER.json --consistency PROOF.json]
 * </pre>
 *
 * It checks the bundle's checkpoint signature with the bundle's {@code keys.json}, and every entry
 * in index order: its content against its leaf's {@code contentSha256}, its leaf's index, and its
 * inclusion proof to the checkpoint's root. With {@code --checkpoint} (a checkpoint obtained
 * earlier, as {@code GET /api/v1/custody/checkpoint} answered it) and {@code --consistency} (the
 * answer of {@code GET /api/v1/custody/proofs/consistency?from=&to=} between the two tree sizes,
 * smaller first), it also proves that the bundle's log is the earlier one, only grown. The proof
 * comes from the gateway, but it proves something only if it verifies against both signed roots, so
 * it needs no trust in the gateway. Equal tree sizes need no proof: the roots must be equal.
 *
 * <p>Exit status 0 with a summary on standard output when everything verifies; 1 with {@code
 * FAILED: } and the first entry (or file) that fails, and why, on standard error; 2 for a wrong
 * command line or a file that cannot be read.
 */
public final class VerifyEvidence {

  public static final int VERIFIED = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  static final String USAGE_TEXT =
      "usage: java -cp takedown-gateway.jar "
          + VerifyEvidence.class.getName()
          + " BUNDLE.zip [--checkpoint EARLIER.json --consistency PROOF.json]";

  private VerifyEvidence() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command, with its output streams given: returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path bundle = null;
    Path earlier = null;
    Path consistency = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--checkpoint") || arg.equals("--consistency")) && i + 1 < args.length) {
        Path value = Path.of(args[++i]);
        if (arg.equals("--checkpoint")) {
          earlier = value;
        } else {
          consistency = value;
        }
      } else if (!arg.startsWith("--") && bundle == null) {
        bundle = Path.of(arg);
      } else {
        err.println(USAGE_TEXT);
        return USAGE;
      }
    }
    if (bundle == null || earlier == null && consistency != null) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    try {
      EvidenceBundle.Verified verified = EvidenceBundle.verify(bundle);
      String consistent = earlier == null ? null : consistent(verified, read(earlier), consistency);
      SignedCheckpoint checkpoint = verified.checkpoint();
      out.println("VERIFIED " + bundle);
      out.printf(
          "  checkpoint: %d entries, root %s, signed %s by key %s%n",
          checkpoint.treeSize(), checkpoint.rootHash().hex(), checkpoint.at(), checkpoint.keyId());
      List<Long> indexes = verified.indexes();
      if (indexes.isEmpty()) {
        out.println("  entries: none (the case has none under this checkpoint)");
      } else {
        out.printf(
            "  entries: %d of case %s (indexes %d to %d): each content, leaf input and inclusion"
                + " proof checked%n",
            indexes.size(), verified.caseId(), indexes.get(0), indexes.get(indexes.size() - 1));
      }
      if (consistent != null) {
        out.println("  " + consistent);
      }
      return VERIFIED;
    } catch (VerificationFailure e) {
      err.println("FAILED: " + e.getMessage());
      return FAILED;
    } catch (NoSuchFileException e) {
      err.println("cannot read " + e.getFile() + ": no such file");
      return USAGE;
    } catch (IOException e) {
      err.println("cannot read: " + e);
      return USAGE;
    }
  }

  private static byte[] read(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  /** That the earlier checkpoint and the bundle's are of one log, only grown; a summary line. */
  private static String consistent(
      EvidenceBundle.Verified verified, byte[] earlierJson, Path proofFile)
      throws VerificationFailure, IOException {
    SignedCheckpoint earlier =
        SignedCheckpoint.verify(earlierJson, verified.keys(), "earlier checkpoint");
    SignedCheckpoint bundle = verified.checkpoint();
    SignedCheckpoint older = earlier.treeSize() <= bundle.treeSize() ? earlier : bundle;
    SignedCheckpoint newer = older == earlier ? bundle : earlier;
    String summary =
        "consistent with the earlier checkpoint of %d entries (root %s, signed %s)"
            .formatted(earlier.treeSize(), earlier.rootHash().hex(), earlier.at());
    if (older.treeSize() == newer.treeSize()) {
      if (!older.rootHash().equals(newer.rootHash())) {
        throw VerificationFailure.consistency(
            "both checkpoints cover %d entries but their roots differ (%s, %s)"
                .formatted(older.treeSize(), older.rootHash().hex(), newer.rootHash().hex()));
      }
      return summary;
    }
    if (proofFile == null) {
      throw VerificationFailure.consistency(
          ("--consistency is needed: the answer of GET"
                  + " /api/v1/custody/proofs/consistency?from=%d&to=%d")
              .formatted(older.treeSize(), newer.treeSize()));
    }
    ConsistencyProof proof = proof(read(proofFile), proofFile);
    if (proof.from() != older.treeSize() || proof.to() != newer.treeSize()) {
      throw VerificationFailure.consistency(
          "%s is the proof from %d to %d entries, not from %d to %d"
              .formatted(proofFile, proof.from(), proof.to(), older.treeSize(), newer.treeSize()));
    }
    try {
      proof.verify(older.rootHash(), newer.rootHash());
    } catch (InvalidProofException e) {
      throw VerificationFailure.consistency(
          "the log of %d entries is not the log of %d entries grown: %s"
              .formatted(newer.treeSize(), older.treeSize(), e.getMessage()));
    }
    return summary;
  }

  private static ConsistencyProof proof(byte[] json, Path file) throws VerificationFailure {
    Map<String, Object> proof = Json.object(json);
    Long from = proof == null ? null : Json.whole(proof, "from");
    Long to = proof == null ? null : Json.whole(proof, "to");
    if (from == null || to == null || !(proof.get("proof") instanceof List<?> path)) {
      throw VerificationFailure.consistency(
          file + " is not a consistency proof ({\"from\", \"to\", \"proof\"})");
    }
    List<Hash> hashes = new ArrayList<>(path.size());
    for (Object hash : path) {
      try {
        hashes.add(Hash.of(Base64.getDecoder().decode((String) hash)));
      } catch (RuntimeException e) {
        throw VerificationFailure.consistency(
            file + ": " + hash + " is not a hash (32 bytes of base64)");
      }
    }
    return new ConsistencyProof(from, to, hashes);
  }
}
