package org.takedown.gateway.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Optional;

/**
 * Tells which of Netty's limits a request broke. Netty's decoder stops at {@code
 * micronaut.server.netty.max-initial-line-length} (4096 bytes) for the request line and at {@code
 * max-header-size} (8192 bytes) for the header section, and marks the request failed with a {@code
 * TooLongFrameException}; Micronaut's {@code NettyRequestLifecycle} answers every such failure with
 * 413, as if the body were too large. The status that says what happened is 414 (URI too long) for
 * the request line, 431 (request header fields too large) for the headers.
 */
final class TooLongRequest {

  private TooLongRequest() {}

  /** The problem for a request Netty refused for its length; empty for any other. */
  static Optional<ProblemType> of(HttpRequest<?> request) {
    if (!(request instanceof NettyHttpRequest<?> netty)) {
      return Optional.empty();
    }
    DecoderResult result = netty.getNativeRequest().decoderResult();
    if (result == null || !result.isFailure()) {
      return Optional.empty();
    }
    if (result.cause() instanceof TooLongHttpLineException) {
      return Optional.of(ProblemType.URI_TOO_LONG);
    }
    if (result.cause() instanceof TooLongHttpHeaderException) {
      return Optional.of(ProblemType.HEADERS_TOO_LARGE);
    }
    return Optional.empty();
  }
}
