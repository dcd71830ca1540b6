package org.takedown.sandbox;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One partner's words for where a legal request stands (PARTNERS.md): its initial and in-review
 * statuses, and the status and outcome each resolution ends in. A resolution is named by the
 * partner's word or by the gateway's ({@code REMOVED}, {@code RESTRICTED}, {@code PRESERVED},
 * {@code NOT_FOUND}, {@code NO_VIOLATION}, {@code DECLINED}), as the mapping table pairs them.
 */
final class StateVocabulary {

  /** Where a resolved request ends: the partner's final status and its outcome word. */
  record Resolution(String status, String outcome) {}

  static final StateVocabulary META =
      new Builder("meta", "RECEIVED", "IN_REVIEW", "request_type")
          .completes("COMPLETED", "CONTENT_REMOVED", "REMOVED")
          .completes("COMPLETED", "CONTENT_RESTRICTED", "RESTRICTED")
          .preserves("COMPLETED", "DATA_PRESERVED", "PRESERVED")
          .declines("DECLINED", "CONTENT_NOT_FOUND", "NOT_FOUND")
          .declines("DECLINED", "NO_VIOLATION_FOUND", "NO_VIOLATION")
          .declines("DECLINED", "INSUFFICIENT_LEGAL_BASIS", "DECLINED")
          .build();

  static final StateVocabulary TIKTOK =
      new Builder("tiktok", "PENDING", "PROCESSING", "request_type")
          .completes("COMPLETED", "REMOVED", "REMOVED")
          .completes("COMPLETED", "GEO_RESTRICTED", "RESTRICTED")
          .preserves("COMPLETED", "PRESERVED", "PRESERVED")
          .declines("REJECTED", "NOT_FOUND", "NOT_FOUND")
          .declines("REJECTED", "NO_VIOLATION", "NO_VIOLATION")
          .build();

  static final StateVocabulary GOOGLE =
      new Builder("google", "RECEIVED", "UNDER_REVIEW", "requestType")
          .completes("RESOLVED", "REMOVED", "REMOVED")
          .completes("RESOLVED", "RESTRICTED", "RESTRICTED")
          .preserves("RESOLVED", "PRESERVED", "PRESERVED")
          .declines("RESOLVED", "NOT_FOUND", "NOT_FOUND")
          .declines("RESOLVED", "NO_ACTION", "NO_VIOLATION")
          .build();

  private final String partner;
  private final String received;
  private final String inReview;
  private final String requestTypeField;
  private final Map<String, Resolution> byWord;
  private final Set<String> declineWords;
  private final Resolution preserved;

  private StateVocabulary(Builder builder) {
    this.partner = builder.partner;
    this.received = builder.received;
    this.inReview = builder.inReview;
    this.requestTypeField = builder.requestTypeField;
    this.byWord = Map.copyOf(builder.byWord);
    this.declineWords = Set.copyOf(builder.declineWords);
    this.preserved = builder.preserved;
  }

  /** The status of a request just created. */
  String received() {
    return received;
  }

  /** The status of a request under review. */
  String inReview() {
    return inReview;
  }

  /** Whether a request in {@code status} is decided, so that it never moves again. */
  boolean isFinal(String status) {
    return !status.equals(received) && !status.equals(inReview);
  }

  /**
   * The resolution {@code word} names, in the partner's or the gateway's terms.
   *
   * @throws IllegalArgumentException naming the words the partner knows
   */
  Resolution resolution(String word) {
    Resolution resolution = word == null ? null : byWord.get(word);
    if (resolution == null) {
      throw new IllegalArgumentException(
          partner
              + " knows no outcome "
              + word
              + "; one of "
              + byWord.keySet().stream().sorted().toList());
    }
    return resolution;
  }

  /**
   * The resolution of declining for {@code reason}.
   *
   * @throws IllegalArgumentException when {@code reason} is no decline reason of the partner
   */
  Resolution decline(String reason) {
    if (reason == null || !declineWords.contains(reason)) {
      throw new IllegalArgumentException(
          partner
              + " knows no decline reason "
              + reason
              + "; one of "
              + declineWords.stream().sorted().toList());
    }
    return byWord.get(reason);
  }

  /** The resolution of a request whose data the partner preserves. */
  Resolution preserved() {
    return preserved;
  }

  /** Whether {@code outcome} means the partner preserves data. */
  boolean preserves(String outcome) {
    return preserved.outcome().equals(outcome);
  }

  /** Whether the create body of {@code request} asked for a preservation. */
  boolean isPreservation(SandboxRequest request) {
    return "PRESERVATION".equals(request.submitted().get(requestTypeField));
  }

  private static final class Builder {

    private final String partner;
    private final String received;
    private final String inReview;
    private final String requestTypeField;
    private final Map<String, Resolution> byWord = new LinkedHashMap<>();
    private final Set<String> declineWords = new HashSet<>();
    private Resolution preserved;

    Builder(String partner, String received, String inReview, String requestTypeField) {
      this.partner = partner;
      this.received = received;
      this.inReview = inReview;
      this.requestTypeField = requestTypeField;
    }

    Builder completes(String status, String outcome, String gatewayWord) {
      Resolution resolution = new Resolution(status, outcome);
      byWord.put(outcome, resolution);
      byWord.put(gatewayWord, resolution);
      return this;
    }

    Builder preserves(String status, String outcome, String gatewayWord) {
      preserved = new Resolution(status, outcome);
      return completes(status, outcome, gatewayWord);
    }

    Builder declines(String status, String reason, String gatewayWord) {
      declineWords.add(reason);
      declineWords.add(gatewayWord);
      return completes(status, reason, gatewayWord);
    }

    StateVocabulary build() {
      return new StateVocabulary(this);
    }
  }
}
