package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClaimBatchingTest {

  private static final long LINGER = ClaimBatching.LINGER.toNanos();
  private static final long MILLI = 1_000_000;
  private static final long START = -7 * MILLI; // System.nanoTime() may be negative

  private final ClaimBatching eightSlots = new ClaimBatching(8);

  @Test
  void claimsAtOnceWhenHalfTheSlotsAreFree() {
    assertEquals(0, eightSlots.waitBeforeClaim(4, START));
    assertEquals(0, eightSlots.waitBeforeClaim(8, START));
  }

  @Test
  void leavesItToTheBudgetWhenNoSlotIsFree() {
    assertEquals(0, eightSlots.waitBeforeClaim(0, START));
  }

  @Test
  void waitsForMoreSlotsUpToTheLingerSinceTheFirstWasFree() {
    assertEquals(LINGER, eightSlots.waitBeforeClaim(1, START));
    assertEquals(LINGER - MILLI, eightSlots.waitBeforeClaim(2, START + MILLI));
    assertEquals(0, eightSlots.waitBeforeClaim(3, START + LINGER));
  }

  @Test
  void stopsWaitingAsSoonAsHalfAreFree() {
    eightSlots.waitBeforeClaim(1, START);

    assertEquals(0, eightSlots.waitBeforeClaim(4, START + MILLI / 2));
  }

  @Test
  void startsAFreshWaitAfterEachClaim() {
    eightSlots.waitBeforeClaim(1, START);
    eightSlots.waitBeforeClaim(2, START + LINGER);

    assertEquals(LINGER, eightSlots.waitBeforeClaim(1, START + LINGER + MILLI));
  }

  @Test
  void aLaneOfOneOrTwoSlotsNeverWaits() {
    assertEquals(0, new ClaimBatching(1).waitBeforeClaim(1, START));
    assertEquals(0, new ClaimBatching(2).waitBeforeClaim(1, START));
  }

  @Test
  void aLaneOfTheDefaultFourSlotsWaitsForTwo() {
    ClaimBatching fourSlots = new ClaimBatching(4);

    assertEquals(LINGER, fourSlots.waitBeforeClaim(1, START));
    assertEquals(0, fourSlots.waitBeforeClaim(2, START + MILLI));
  }
}
