package org.takedown.adapters.meta;

/** Meta reported a request state outside PARTNERS.md's vocabulary, or one we cannot read. */
final class UnrecognisedMetaState extends Exception {

  private UnrecognisedMetaState(String message) {
    super(message);
  }

  static UnrecognisedMetaState of(MetaRequestState state) {
    return new UnrecognisedMetaState(
        "Meta status "
            + state.status()
            + ", outcome "
            + state.outcome()
            + ", decline_reason "
            + state.declineReason()
            + " not understood");
  }

  static UnrecognisedMetaState badTime(String field) {
    return new UnrecognisedMetaState("Meta " + field + " is not a timestamp");
  }
}
