package org.takedown.gateway.custody.tree;

import java.util.HexFormat;
import java.util.List;

/**
 * Certificate Transparency's reference tree: eight leaves, its roots, its complete subtrees, and
 * known proofs. Each list names where it is published; the same values appear in both sources.
 *
 * <ul>
 *   <li>[CT] google/certificate-transparency, cpp/merkletree/merkle_tree_test.cc: {@code kInputs},
 *       {@code kSHA256Roots}, {@code kSHA256Paths}, {@code kSHA256Proofs} (leaf numbers 1-based).
 *   <li>[TD] transparency-dev/merkle, proof/verify_test.go: {@code leaves}, {@code roots}, {@code
 *       inclusionProofs}, {@code consistencyProofs}; testonly/constants.go: {@code NodeHashes},
 *       {@code CompactTrees}, {@code EmptyRootHash}; rfc6962/rfc6962_test.go: the hasher vectors.
 * </ul>
 *
 * RFC 9162 itself publishes no test vectors; its section 2.1 defines the same hashing as RFC 6962,
 * which these vectors were generated for.
 */
final class PublishedVectors {

  private PublishedVectors() {}

  /** [CT] kInputs, [TD] testonly.LeafInputs: the leaf inputs, as hex. */
  static final List<String> LEAF_INPUTS =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** [CT] kSHA256EmptyTreeHash, [TD] testonly.EmptyRootHash. */
  static final Hash EMPTY_ROOT =
      h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  /** [CT] kSHA256Roots, [TD] roots: ROOTS.get(n - 1) is the root of the first n leaves. */
  static final List<Hash> ROOTS =
      List.of(
          h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
          h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
          h("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
          h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
          h("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
          h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
          h("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
          h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

  /** [TD] testonly.NodeHashes: NODES.get(level).get(index), every complete subtree of 8 leaves. */
  static final List<List<Hash>> NODES =
      List.of(
          List.of(
              h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
              h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
              h("0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7"),
              h("07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7"),
              h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
              h("4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658"),
              h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
              h("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1")),
          List.of(
              h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
              h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
              h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
              h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0")),
          List.of(
              h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
              h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          List.of(h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")));

  /**
   * [TD] testonly.CompactTrees: the frontier of the first n leaves, as (level, index) of NODES,
   * largest first.
   */
  static final List<List<NodeId>> FRONTIERS =
      List.of(
          List.of(),
          List.of(new NodeId(0, 0)),
          List.of(new NodeId(1, 0)),
          List.of(new NodeId(1, 0), new NodeId(0, 2)),
          List.of(new NodeId(2, 0)),
          List.of(new NodeId(2, 0), new NodeId(0, 4)),
          List.of(new NodeId(2, 0), new NodeId(1, 2)),
          List.of(new NodeId(2, 0), new NodeId(1, 2), new NodeId(0, 6)),
          List.of(new NodeId(3, 0)));

  /** A published inclusion proof; {@code leafNumber} is 1-based, as both sources write it. */
  record Inclusion(int leafNumber, int treeSize, List<Hash> path) {}

  /** [CT] kSHA256Paths (without its invalid {0, 0} entry), [TD] inclusionProofs. */
  static final List<Inclusion> INCLUSIONS =
      List.of(
          new Inclusion(1, 1, List.of()),
          new Inclusion(
              1,
              8,
              List.of(
                  h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                  h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                  h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"))),
          new Inclusion(
              6,
              8,
              List.of(
                  h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                  h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                  h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"))),
          new Inclusion(
              3, 3, List.of(h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"))),
          new Inclusion(
              2,
              5,
              List.of(
                  h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
                  h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                  h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"))));

  record Consistency(int from, int to, List<Hash> path) {}

  /** [CT] kSHA256Proofs, [TD] consistencyProofs (which adds 6 to 7). */
  static final List<Consistency> CONSISTENCIES =
      List.of(
          new Consistency(1, 1, List.of()),
          new Consistency(
              1,
              8,
              List.of(
                  h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                  h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                  h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"))),
          new Consistency(
              6,
              8,
              List.of(
                  h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                  h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                  h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"))),
          new Consistency(
              2,
              5,
              List.of(
                  h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                  h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"))),
          new Consistency(
              6,
              7,
              List.of(
                  h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                  h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
                  h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"))));

  static byte[] leafInput(int index) {
    return HexFormat.of().parseHex(LEAF_INPUTS.get(index));
  }

  static List<Hash> leafHashes() {
    return LEAF_INPUTS.stream().map(HexFormat.of()::parseHex).map(MerkleTree::leafHash).toList();
  }

  static Hash root(int treeSize) {
    return treeSize == 0 ? EMPTY_ROOT : ROOTS.get(treeSize - 1);
  }

  static Hash h(String hex) {
    return Hash.fromHex(hex);
  }
}
