package org.takedown.gateway.status;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.takedown.contracts.RequestPage;
import org.takedown.contracts.RequestView;

/**
 * A position in a newest-first listing of requests: the last request's sort time (its creation for
 * {@code GET /api/v1/requests}, its failure for the dead letter) and its id, which breaks ties.
 * Opaque to clients (base64url); keyset paging stays correct while requests arrive.
 */
public record RequestCursor(Instant at, UUID id) {

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + "~" + id).getBytes(StandardCharsets.US_ASCII));
  }

  public static Optional<RequestCursor> decode(String cursor) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("~");
      if (parts.length != 2) {
        return Optional.empty();
      }
      Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
      return Optional.of(new RequestCursor(at, UUID.fromString(parts[1])));
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The page of {@code rows}, read with {@code LIMIT limit + 1}: the extra row only tells that
   * another page follows, whose cursor is the last shown row's position by {@code sortTime}.
   */
  public static RequestPage page(
      List<RequestView> rows, int limit, Function<RequestView, Instant> sortTime) {
    if (rows.size() <= limit) {
      return new RequestPage(List.copyOf(rows), null);
    }
    List<RequestView> page = List.copyOf(rows.subList(0, limit));
    RequestView last = page.get(page.size() - 1);
    return new RequestPage(page, new RequestCursor(sortTime.apply(last), last.id()).encode());
  }
}
