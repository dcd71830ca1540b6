/**
 * The custody log's Merkle tree, exactly as RFC 9162 section 2.1 defines it: leaf and node hashes,
 * the tree hash, inclusion and consistency proofs, and their verification.
 *
 * <p>Plain Java on purpose (an ArchUnit rule keeps it so): the offline verification command uses
 * these classes with nothing but a bundle, no Micronaut and no database.
 *
 * <p>The tree is stored as its complete perfect subtrees ({@link
 * org.takedown.gateway.custody.tree.NodeId}: 2^level leaves from {@code index << level}); such a
 * node never changes once its last leaf is appended, so storage is insert-only. {@link
 * org.takedown.gateway.custody.tree.Frontier} appends leaves and hands back the nodes it completes;
 * {@link org.takedown.gateway.custody.tree.Proofs} builds any proof for any past tree size from
 * O(log n) of them, read through {@link org.takedown.gateway.custody.tree.SubtreeHashes}; {@link
 * org.takedown.gateway.custody.tree.InclusionProof} and {@link
 * org.takedown.gateway.custody.tree.ConsistencyProof} verify.
 */
package org.takedown.gateway.custody.tree;
