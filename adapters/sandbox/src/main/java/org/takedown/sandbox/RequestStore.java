package org.takedown.sandbox;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One simulated partner's requests, deduplicated on the gateway reference. Concurrent creates with
 * the same reference create exactly one request: the reference map decides atomically.
 */
final class RequestStore {

  /** The request a create call resolved to, and whether that call created it. */
  record Creation(SandboxRequest request, boolean created) {}

  private final ConcurrentHashMap<String, SandboxRequest> byReference = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> referenceById = new ConcurrentHashMap<>();

  /**
   * The request for {@code reference}, created with {@code factory} when there is none yet. The
   * factory runs at most once per reference, so it may also record the new request elsewhere.
   */
  Creation createIfAbsent(String reference, Supplier<SandboxRequest> factory) {
    AtomicBoolean created = new AtomicBoolean();
    SandboxRequest request =
        byReference.computeIfAbsent(
            reference,
            ref -> {
              SandboxRequest fresh = factory.get();
              referenceById.put(fresh.id(), ref);
              created.set(true);
              return fresh;
            });
    return new Creation(request, created.get());
  }

  Optional<SandboxRequest> byId(String id) {
    return Optional.ofNullable(referenceById.get(id)).map(byReference::get);
  }

  Optional<SandboxRequest> byReference(String reference) {
    return Optional.ofNullable(byReference.get(reference));
  }

  int size() {
    return byReference.size();
  }

  void clear() {
    byReference.clear();
    referenceById.clear();
  }
}
