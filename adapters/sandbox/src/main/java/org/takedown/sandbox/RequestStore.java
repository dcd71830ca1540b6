package org.takedown.sandbox;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One simulated partner's requests, deduplicated on the gateway reference. Concurrent creates with
 * the same reference create exactly one request, and concurrent changes of one request apply one
 * after the other: the reference map decides atomically.
 */
final class RequestStore {

  /** The request a create call resolved to, and whether that call created it. */
  record Creation(SandboxRequest request, boolean created) {}

  /** A request before and after a change; the same object twice when nothing changed. */
  record Change(SandboxRequest before, SandboxRequest after) {
    boolean changed() {
      return before != after;
    }
  }

  private final ConcurrentHashMap<String, SandboxRequest> byReference = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> referenceById = new ConcurrentHashMap<>();
  private final Consumer<SandboxRequest> onCreated;

  /** {@code onCreated} hears of each request created, once it is stored. */
  RequestStore(Consumer<SandboxRequest> onCreated) {
    this.onCreated = onCreated;
  }

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
    if (created.get()) {
      onCreated.accept(request);
    }
    return new Creation(request, created.get());
  }

  /**
   * Applies {@code change} to the request for {@code reference}, atomically with respect to other
   * changes of it. {@code change} returns its argument to change nothing, and may throw to refuse.
   *
   * @throws NoSuchElementException when there is no request for {@code reference}
   */
  Change update(String reference, UnaryOperator<SandboxRequest> change) {
    AtomicReference<SandboxRequest> before = new AtomicReference<>();
    SandboxRequest after =
        byReference.computeIfPresent(
            reference,
            (ref, current) -> {
              before.set(current);
              return change.apply(current);
            });
    if (after == null) {
      throw new NoSuchElementException("no request has the reference " + reference);
    }
    return new Change(before.get(), after);
  }

  /**
   * As {@link #update}, for the request the partner calls {@code id}.
   *
   * @throws NoSuchElementException when there is no request {@code id}
   */
  Change updateById(String id, UnaryOperator<SandboxRequest> change) {
    String reference = referenceById.get(id);
    if (reference == null) {
      throw new NoSuchElementException("no request has the id " + id);
    }
    return update(reference, change);
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
