package org.takedown.gateway.tracking;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.logs.LogFields;
import org.takedown.gateway.logs.LoggedFailure;
import org.takedown.platform.PlatformAdapter;

/** One polling thread per partner: each partner is asked at its own pace. */
@Singleton
final class PollingLanes {

  private static final Logger LOG = LoggerFactory.getLogger(PollingLanes.class);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(2);

  private final List<PlatformAdapter> adapters;
  private final PollDueRequests poll;
  private final PollingProperties properties;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  PollingLanes(List<PlatformAdapter> adapters, PollDueRequests poll, PollingProperties properties) {
    this.adapters = adapters;
    this.poll = poll;
    this.properties = properties;
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

  private void run(PlatformAdapter adapter) {
    while (running) {
      try {
        if (poll.pollOnce(adapter) == 0) {
          Thread.sleep(properties.idleInterval().toMillis());
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
}
