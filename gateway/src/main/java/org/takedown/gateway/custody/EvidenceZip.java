package org.takedown.gateway.custody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A case's evidence bundle as a stream of ZIP bytes, made as it is read: a reader pulls a few
 * entries at a time from the log (a page of {@link Pages}), so a case of any size is never in
 * memory, and no database connection is held while the client reads. Files, in this order: {@code
 * checkpoint.json}, {@code keys.json}, then per entry {@code entries/{index}.json}, {@code
 * content/{index}}, {@code proofs/{index}.json}. Every file is dated with the checkpoint's time, so
 * that the same case under the same checkpoint always makes the same bytes.
 */
final class EvidenceZip extends InputStream {

  /** One entry of the bundle: its exact leaf input, content and inclusion proof (JSON). */
  record Item(long index, byte[] leafInput, byte[] content, byte[] proof) {}

  /** The case's next entries after {@code index} (-1: from the start); none at the end. */
  interface Pages {
    List<Item> after(long index);
  }

  /** The bytes the ZIP writer produced and the reader has not taken yet. */
  private static final class Pending extends ByteArrayOutputStream {
    byte[] array() {
      return buf;
    }
  }

  private final byte[] checkpoint;
  private final byte[] keys;
  private final Pages pages;
  private final long time;
  private final Pending pending = new Pending();
  private final ZipOutputStream zip = new ZipOutputStream(pending);
  private int taken;
  private boolean started;
  private boolean finished;
  private long last = -1;
  private Iterator<Item> page = List.<Item>of().iterator();

  EvidenceZip(byte[] checkpoint, byte[] keys, Pages pages, long epochMillis) {
    this.checkpoint = checkpoint;
    this.keys = keys;
    this.pages = pages;
    this.time = epochMillis;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (taken == pending.size()) {
      pending.reset();
      taken = 0;
      if (!produce()) {
        return -1;
      }
    }
    int n = Math.min(length, pending.size() - taken);
    System.arraycopy(pending.array(), taken, target, offset, n);
    taken += n;
    return n;
  }

  /** Writes the next files to {@code pending}; false at the end. */
  private boolean produce() throws IOException {
    if (finished) {
      return false;
    }
    if (!started) {
      started = true;
      file("checkpoint.json", checkpoint);
      file("keys.json", keys);
      return true;
    }
    if (!page.hasNext()) {
      List<Item> next;
      try {
        next = pages.after(last);
      } catch (RuntimeException e) {
        throw new IOException("the evidence bundle cannot be read further from the log", e);
      }
      if (next.isEmpty()) {
        finished = true;
        zip.close(); // the central directory
        return true;
      }
      page = next.iterator();
    }
    Item item = page.next();
    file("entries/" + item.index() + ".json", item.leafInput());
    file("content/" + item.index(), item.content());
    file("proofs/" + item.index() + ".json", item.proof());
    last = item.index();
    return true;
  }

  private void file(String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(time);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  /** Ends the stream; what was not read is never read from the log. */
  @Override
  public void close() throws IOException {
    finished = true;
    zip.close(); // into memory: nothing to fail
  }
}
