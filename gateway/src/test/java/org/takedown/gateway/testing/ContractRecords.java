package org.takedown.gateway.testing;

import io.micronaut.serde.annotation.SerdeImport;
import org.takedown.contracts.CaseSubmission;
import org.takedown.contracts.DeadLetterRetry;
import org.takedown.contracts.Problem;

/**
 * The contract records that only a client writes or reads, made (de)serialisable for the tests,
 * which are the gateway's first client: a case and a dead-letter retry sent as these records, a
 * problem read back as one. The gateway itself reads those bodies field by field (every bad field
 * in one 422) and writes problems without their absent members, so it has no use for them.
 */
@SerdeImport(CaseSubmission.class)
@SerdeImport(CaseSubmission.LegalBasis.class)
@SerdeImport(CaseSubmission.RequestedBy.class)
@SerdeImport(CaseSubmission.Item.class)
@SerdeImport(DeadLetterRetry.class)
@SerdeImport(Problem.class)
@SerdeImport(Problem.FieldError.class)
final class ContractRecords {

  private ContractRecords() {}
}
