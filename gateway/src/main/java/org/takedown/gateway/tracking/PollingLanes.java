package org.takedown.gateway.tracking;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.logs.LoggedFailure;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;

/**
 * One polling thread per partner: each partner is asked at its own pace. An idle lane looks for due
 * requests every {@code gateway.polling.idle-interval}, or at once when woken ({@link PollsDue}).
 */
@Singleton
final class PollingLanes {

  private static final Logger LOG = LoggerFactory.getLogger(PollingLanes.class);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(2);

  private final List<PlatformAdapter> adapters;
  private final PollDueRequests poll;
  private final PollingProperties properties;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<Platform, Signal> signals = new EnumMap<>(Platform.class);
  private volatile boolean running = true;

  PollingLanes(List<PlatformAdapter> adapters, PollDueRequests poll, PollingProperties properties) {
    this.adapters = adapters;
    this.poll = poll;
    this.properties = properties;
    adapters.forEach(adapter -> signals.put(adapter.platform(), new Signal()));
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (!properties.enabled()) {
      LOG.info("polling disabled (gateway.polling.enabled=false)");
      return;
    }
    synchronized (threads) {
      for (PlatformAdapter adapter : adapters) {
        Thread thread =
            new Thread(() -> run(adapter), "poll-" + adapter.platform().name().toLowerCase());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }
  }

  /** A partner's hint made some of its requests due now: its lane looks at once. */
  @EventListener
  void onPollsDue(PollsDue event) {
    Signal signal = signals.get(event.platform());
    if (signal != null) {
      signal.wake();
    }
  }

  private void run(PlatformAdapter adapter) {
    Signal signal = signals.get(adapter.platform());
    while (running) {
      try {
        if (poll.pollOnce(adapter) == 0) {
          signal.idle(properties.idleInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.atWarn()
            .addKeyValue(LogFields.PLATFORM, adapter.platform().name())
            .log(
                "{} polling failed ({}); again in {}",
                adapter.platform(),
                LoggedFailure.of(e).describe(),
                ERROR_PAUSE);
        try {
          Thread.sleep(ERROR_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    synchronized (threads) {
      threads.forEach(Thread::interrupt);
      for (Thread thread : threads) {
        try {
          thread.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      threads.clear();
    }
  }

  /** Wakes one lane from its idle wait; a wake while it polls makes it look once more at once. */
  private static final class Signal {
    private boolean woken;

    synchronized void wake() {
      woken = true;
      notifyAll();
    }

    synchronized void idle(Duration timeout) throws InterruptedException {
      if (!woken) {
        wait(Math.max(1, timeout.toMillis()));
      }
      woken = false;
    }
  }
}
