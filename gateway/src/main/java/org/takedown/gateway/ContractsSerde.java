package org.takedown.gateway;

import io.micronaut.serde.annotation.SerdeImport;
import org.takedown.contracts.CaseView;
import org.takedown.contracts.DeadLetterRetryResult;
import org.takedown.contracts.HistoryEntry;
import org.takedown.contracts.RequestDetail;
import org.takedown.contracts.RequestPage;
import org.takedown.contracts.RequestView;

/** The contract records are compiled without Micronaut, so their (de)serialisers are made here. */
@SerdeImport(CaseView.class)
@SerdeImport(RequestView.class)
@SerdeImport(RequestDetail.class)
@SerdeImport(HistoryEntry.class)
@SerdeImport(RequestPage.class)
@SerdeImport(DeadLetterRetryResult.class)
final class ContractsSerde {

  private ContractsSerde() {}
}
