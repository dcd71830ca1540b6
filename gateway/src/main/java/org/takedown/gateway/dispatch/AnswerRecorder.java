package org.takedown.gateway.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.problem.DatabaseOutage;
import org.takedown.platform.Platform;

/**
 * Records one lane's partner answers in batches (group commit): a delivery worker hands its answer
 * over and is free for the next call at once, and one thread writes whatever answers have gathered
 * while it wrote the previous batch, in one transaction. Under load the batches grow by themselves;
 * a lone answer is written alone, without waiting for company.
 *
 * <p>Nothing here needs to be durable: an answer lost with the process (or with the database) was
 * given to a request whose lease then runs out, and the request is sent again with the same
 * reference, which the partner deduplicates.
 */
final class AnswerRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(AnswerRecorder.class);

  /** At most this many answers per transaction. */
  static final int MAX_BATCH = 128;

  private final Platform platform;
  private final DispatchDueRequests dispatch;
  private final BlockingQueue<DispatchDueRequests.Answer> answers;
  private final Thread writer;
  private volatile boolean running = true;

  /**
   * @param capacity answers that may wait; a worker that finds the queue full waits too, so a slow
   *     database slows the lane down instead of piling answers up in memory
   */
  AnswerRecorder(Platform platform, DispatchDueRequests dispatch, int capacity) {
    this.platform = platform;
    this.dispatch = dispatch;
    this.answers = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::run, "record-" + platform.name().toLowerCase());
    this.writer.setDaemon(true);
  }

  void start() {
    writer.start();
  }

  /** Hands an answer over to be recorded; waits while the queue is full. */
  void add(DispatchDueRequests.Answer answer) throws InterruptedException {
    answers.put(answer);
  }

  /** Records what has been handed over, waiting up to {@code grace}, then stops. */
  void stop(Duration grace) {
    running = false;
    try {
      writer.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      writer.interrupt();
    }
  }

  private void run() {
    List<DispatchDueRequests.Answer> batch = new ArrayList<>(MAX_BATCH);
    while (running || !answers.isEmpty()) {
      try {
        DispatchDueRequests.Answer first = answers.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        answers.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<DispatchDueRequests.Answer> batch) {
    try {
      dispatch.record(platform, batch);
    } catch (RuntimeException e) {
      if (batch.size() == 1 || DatabaseOutage.in(e).isPresent()) {
        // unrecorded answers leave their leases to run out, and the requests are sent again with
        // the same reference; with the database unreachable, one by one would only wait longer
        LoggingEventBuilder line = LOG.atWarn();
        if (batch.size() == 1) {
          ClaimedRequest claim = batch.get(0).claim();
          LogFields.request(line, claim.id(), claim.caseId(), platform)
              .addKeyValue(LogFields.ATTEMPT, claim.attempt());
        } else {
          line.addKeyValue(LogFields.PLATFORM, platform.name());
        }
        line.log(
            "{}: {} result(s) not recorded ({}); sent again once their leases run out",
            platform,
            batch.size(),
            DatabaseOutage.summary(e));
        return;
      }
      // one answer the database refuses must not cost the others their record
      LOG.atWarn()
          .addKeyValue(LogFields.PLATFORM, platform.name())
          .log(
              "{}: {} results not recorded together ({}); recording them one by one",
              platform,
              batch.size(),
              DatabaseOutage.summary(e));
      for (DispatchDueRequests.Answer answer : batch) {
        write(List.of(answer));
      }
    }
  }
}
