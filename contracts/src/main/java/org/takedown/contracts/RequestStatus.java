package org.takedown.contracts;

/**
 * Where a request stands. States only move forward: PENDING → SUBMITTED → IN_REVIEW → COMPLETED;
 * FAILED, CANCELLED and EXPIRED are terminal too (an officer may retry a FAILED one).
 */
public enum RequestStatus {
  PENDING,
  SUBMITTED,
  IN_REVIEW,
  COMPLETED,
  FAILED,
  CANCELLED,
  EXPIRED
}
