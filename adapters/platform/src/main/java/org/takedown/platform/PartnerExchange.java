package org.takedown.platform;

import java.util.List;
import java.util.Objects;

/**
 * One HTTP call to a partner as it went over the wire, for the chain of custody: the exact bytes
 * the adapter wrote and read, and nothing of the headers (the credentials travel there). Token
 * grants are never reported; an adapter whose partner took a secret in the query or the body of a
 * reported call would leave it out of {@code target} and say so (none of the three does).
 *
 * @param method the HTTP method, {@code GET}, {@code POST}
 * @param target the raw path and query as sent ({@code /v21.0/123?fields=id,status}), the base
 *     URL's own path included
 * @param requestBody the exact body sent; empty for a call without one
 * @param status the answer's HTTP status; {@link #NO_ANSWER} when none arrived (refused, reset,
 *     timed out)
 * @param answerBody the exact body of the answer; empty when there was none
 * @param refs the partner references the call asks about (status reads, extensions), in the order
 *     it names them; empty for a submission, which concerns the command's request
 */
public record PartnerExchange(
    String method,
    String target,
    byte[] requestBody,
    int status,
    byte[] answerBody,
    List<PartnerRef> refs) {

  /** The {@link #status} of a call whose answer never arrived. */
  public static final int NO_ANSWER = 0;

  public PartnerExchange {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    requestBody = requestBody == null ? new byte[0] : requestBody.clone();
    answerBody = answerBody == null ? new byte[0] : answerBody.clone();
    refs = List.copyOf(refs);
  }

  @Override
  public byte[] requestBody() {
    return requestBody.clone();
  }

  @Override
  public byte[] answerBody() {
    return answerBody.clone();
  }

  /** Whether the call carried a body. */
  public boolean hasRequestBody() {
    return requestBody.length > 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PartnerExchange e
        && method.equals(e.method)
        && target.equals(e.target)
        && java.util.Arrays.equals(requestBody, e.requestBody)
        && status == e.status
        && java.util.Arrays.equals(answerBody, e.answerBody)
        && refs.equals(e.refs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, target, status, refs)
        + 31 * java.util.Arrays.hashCode(requestBody)
        + 17 * java.util.Arrays.hashCode(answerBody);
  }

  @Override
  public String toString() {
    return "PartnerExchange[%s %s: %d bytes, answered %d with %d bytes]"
        .formatted(method, target, requestBody.length, status, answerBody.length);
  }
}
