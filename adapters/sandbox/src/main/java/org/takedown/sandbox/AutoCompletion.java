package org.takedown.sandbox;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes every request a simulated partner creates on its own: under review half the delay after
 * its creation, completed after the whole delay, its data preserved when it asked for a
 * preservation and the content removed otherwise. A request someone moved on by hand in between
 * keeps what they decided.
 */
final class AutoCompletion {

  private static final Logger LOG = LoggerFactory.getLogger(AutoCompletion.class);

  private final String partner;
  private final Duration delay;
  private final ScheduledExecutorService scheduler;
  private final RequestStore store;
  private final RequestLifecycle lifecycle;
  private final StateVocabulary words;

  AutoCompletion(
      String partner,
      Duration delay,
      ScheduledExecutorService scheduler,
      RequestStore store,
      RequestLifecycle lifecycle,
      StateVocabulary words) {
    this.partner = partner;
    this.delay = delay;
    this.scheduler = scheduler;
    this.store = store;
    this.lifecycle = lifecycle;
    this.words = words;
  }

  /** Schedules the review and the completion of {@code created}. */
  void schedule(SandboxRequest created) {
    String outcome = words.isPreservation(created) ? "PRESERVED" : "REMOVED";
    try {
      scheduler.schedule(
          () -> step(created, () -> lifecycle.review(created.reference(), true)),
          delay.toMillis() / 2,
          TimeUnit.MILLISECONDS);
      scheduler.schedule(
          () -> step(created, () -> lifecycle.complete(created.reference(), outcome, true)),
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      LOG.debug("The {} sandbox is stopping; request {} stays as it is", partner, created.id());
    }
  }

  private void step(SandboxRequest created, Supplier<RequestLifecycle.Transition> transition) {
    // After a reset the reference may name another request, which has its own schedule.
    boolean same =
        store
            .byReference(created.reference())
            .map(current -> current.id().equals(created.id()))
            .orElse(false);
    if (!same) {
      return;
    }
    try {
      transition.get();
    } catch (IllegalStateException | NoSuchElementException movedOnByHand) {
      LOG.debug("The {} request {} was decided already", partner, created.id());
    } catch (RuntimeException e) {
      LOG.warn(
          "The {} sandbox could not move request {} on ({})",
          partner,
          created.id(),
          e.getClass().getName());
      LOG.debug("The {} sandbox failure", partner, e);
    }
  }
}
