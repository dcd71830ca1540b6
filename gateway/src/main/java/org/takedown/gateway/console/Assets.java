package org.takedown.gateway.console;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's scripts and style sheet, read from the class path once at start (the gateway does
 * not start without them): htmx and Chart.js from their webjars, the console's own from {@code
 * console/assets}. Each is addressed by a digest of its content, {@code
 * /console/assets/<digest>/<name>}, so that it can be cached for a year and a new build's file is a
 * new address.
 */
@Context
public final class Assets {

  /** Where the assets are served. */
  public static final String PATH = "/console/assets";

  /** One file: its bytes, type and digest. */
  record Asset(String name, byte[] content, MediaType type, String digest) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  Assets() {
    MediaType script = MediaType.of("text/javascript;charset=utf-8");
    MediaType style = MediaType.of("text/css;charset=utf-8");
    add("htmx.min.js", webjar("htmx.org", "dist/htmx.min.js"), script);
    // the statistics page's charts: the UMD build carries its one dependency (@kurkle/color)
    add("chart.umd.min.js", webjar("chart.js", "dist/chart.umd.min.js"), script);
    add("console.js", "console/assets/console.js", script);
    add("statistics.js", "console/assets/statistics.js", script);
    add("console.css", "console/assets/console.css", style);
  }

  /** The address of the asset {@code name}; it must be one of the console's. */
  public String url(String name) {
    Asset asset = assets.get(name);
    if (asset == null) {
      throw new IllegalArgumentException("no console asset " + name);
    }
    return PATH + "/" + asset.digest() + "/" + name;
  }

  Optional<Asset> find(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  private void add(String name, String resource, MediaType type) {
    byte[] content = read(resource);
    assets.put(name, new Asset(name, content, type, digest(content)));
  }

  /** The class-path name of {@code file} in the webjar {@code artifact}, at the version bundled. */
  private static String webjar(String artifact, String file) {
    return "META-INF/resources/webjars/" + artifact + "/" + webjarVersion(artifact) + "/" + file;
  }

  private static String webjarVersion(String artifact) {
    Properties pom = new Properties();
    try (InputStream in =
        resource("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = resource(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console asset " + resource, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = Assets.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the console asset " + name + " is not on the class path");
    }
    return in;
  }

  private static String digest(byte[] content) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For tests: the bytes of {@code name} as text. */
  String text(String name) {
    return new String(assets.get(name).content(), StandardCharsets.UTF_8);
  }
}
