package org.takedown.gateway.operations;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.takedown.gateway.dispatch.PartnerLanes;
import org.takedown.gateway.request.RequestState;
import org.takedown.platform.Platform;

/**
 * Each partner as this instance sees it, and the request table by partner and state, as {@code
 * /health} and the officers' work queue show them. Never touches the database: the counts are the
 * last {@link RequestSnapshot} reading (at most {@code gateway.operations.snapshot-interval} old
 * while the database answers), the rest is this instance's own state.
 */
@Singleton
public final class PartnerBoard {

  /**
   * One partner.
   *
   * @param circuit this instance's breaker for it: CLOSED, OPEN or HALF_OPEN (CLOSED when this
   *     instance has no breaker for it)
   * @param dispatching whether this instance runs a delivery lane for it
   * @param paused whether it refused the gateway's credentials and is left alone for now
   * @param backlog its PENDING requests, due or waiting out a backoff
   * @param due those of its PENDING requests whose next attempt time has come
   * @param oldestDueAge how long the longest-waiting of those had been due when the counts were
   *     read; zero when none was
   * @param expiring its preservations that end within {@code gateway.preservation.warn-before}
   */
  public record Partner(
      Platform platform,
      String circuit,
      boolean dispatching,
      boolean paused,
      long backlog,
      long due,
      Duration oldestDueAge,
      long expiring) {}

  /**
   * @param partners every partner, in {@link Platform} order
   * @param readAt when the counts were read; null before the first reading
   * @param current false while the database cannot be read (the counts are then older)
   */
  public record Board(
      List<Partner> partners,
      Map<Platform, Map<RequestState, Long>> requests,
      Instant readAt,
      boolean current) {

    /** How many of {@code platform}'s requests are in {@code state}. */
    public long requests(Platform platform, RequestState state) {
      return requests.get(platform).get(state);
    }
  }

  private final RequestSnapshot snapshot;
  private final PartnerLanes lanes;

  PartnerBoard(RequestSnapshot snapshot, PartnerLanes lanes) {
    this.snapshot = snapshot;
    this.lanes = lanes;
  }

  public Board read() {
    return of(snapshot.reading());
  }

  /** The board with the counts of {@code reading}, so that one answer never mixes two readings. */
  Board of(RequestSnapshot.Reading reading) {
    List<Partner> partners = new ArrayList<>();
    Map<Platform, Map<RequestState, Long>> requests = new EnumMap<>(Platform.class);
    for (Platform platform : Platform.values()) {
      partners.add(
          new Partner(
              platform,
              lanes.circuit(platform).map(Enum::name).orElse("CLOSED"),
              lanes.dispatches(platform),
              lanes.isPaused(platform),
              reading.pending(platform),
              reading.backlog()[platform.ordinal()],
              Duration.ofMillis(Math.round(reading.oldestDueAge()[platform.ordinal()] * 1000)),
              reading.expiring()[platform.ordinal()]));
      Map<RequestState, Long> byState = new EnumMap<>(RequestState.class);
      for (RequestState state : RequestState.values()) {
        byState.put(state, reading.requests(platform, state));
      }
      requests.put(platform, byState);
    }
    return new Board(List.copyOf(partners), requests, reading.readAt(), reading.up());
  }
}
