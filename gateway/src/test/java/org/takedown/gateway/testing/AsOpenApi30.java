package org.takedown.gateway.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document restated in OpenAPI 3.0 for {@link ContractValidator}'s validator, which
 * reads 3.1 documents without their 3.1 type forms (it would take a parameter typed {@code [string,
 * 'null']} for JSON). Only the forms the document uses are restated, each into its 3.0 equivalent,
 * so that nothing is checked more loosely than the document says:
 *
 * <ul>
 *   <li>{@code type: [X, 'null']} becomes {@code type: X, nullable: true};
 *   <li>{@code oneOf: [{$ref: X}, {type: 'null'}]} becomes a copy of X with {@code nullable: true}
 *       (and {@code null} among its {@code enum} values, if it has some);
 *   <li>{@code allOf} of object schemas becomes the one object schema they make together (their
 *       properties and required members), which is what they mean; the validator would otherwise
 *       hold each part alone to "no other member" and refuse every instance;
 *   <li>the 3.1-only annotations ({@code examples} lists in schemas, {@code contentEncoding},
 *       {@code contentSchema}, {@code contentMediaType}, {@code info.summary}) are dropped: they
 *       constrain nothing.
 * </ul>
 */
final class AsOpenApi30 {

  private final Map<String, Object> root;

  private AsOpenApi30(Map<String, Object> root) {
    this.root = root;
  }

  /** {@code text}, an OpenAPI 3.1 document in YAML, as an OpenAPI 3.0 document in YAML. */
  @SuppressWarnings("unchecked")
  static String of(String text) {
    Map<String, Object> root = new Yaml().load(text);
    root.put("openapi", "3.0.3");
    ((Map<String, Object>) root.get("info")).remove("summary");
    new AsOpenApi30(root).restate(root);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(Integer.MAX_VALUE);
    return new Yaml(options).dump(root);
  }

  @SuppressWarnings("unchecked")
  private void restate(Object node) {
    if (node instanceof List<?> list) {
      list.forEach(this::restate);
      return;
    }
    if (!(node instanceof Map<?, ?>)) {
      return;
    }
    Map<String, Object> map = (Map<String, Object>) node;
    if (map.get("type") instanceof List<?> types) {
      List<Object> rest = new ArrayList<>(types);
      if (rest.remove("null")) {
        map.put("nullable", true);
      }
      if (rest.size() != 1) {
        throw new IllegalStateException("a type list AsOpenApi30 cannot restate: " + types);
      }
      map.put("type", rest.get(0));
    }
    if (map.get("oneOf") instanceof List<?> choices && choices.contains(Map.of("type", "null"))) {
      List<Object> rest = new ArrayList<>(choices);
      rest.remove(Map.of("type", "null"));
      if (rest.size() != 1
          || !(rest.get(0) instanceof Map<?, ?> only)
          || !only.containsKey("$ref")) {
        throw new IllegalStateException("a oneOf AsOpenApi30 cannot restate: " + choices);
      }
      map.remove("oneOf");
      Map<String, Object> target = copy(resolve((String) only.get("$ref")));
      target.forEach(map::putIfAbsent);
      map.put("nullable", true);
      if (map.get("enum") instanceof List<?> values && !values.contains(null)) {
        List<Object> withNull = new ArrayList<>(values);
        withNull.add(null);
        map.put("enum", withNull);
      }
    }
    if (map.get("allOf") instanceof List<?> parts) {
      map.remove("allOf");
      Map<String, Object> properties = new LinkedHashMap<>();
      List<Object> required = new ArrayList<>();
      for (Object part : parts) {
        Map<String, Object> schema = (Map<String, Object>) part;
        if (schema.containsKey("$ref")) {
          schema = resolve((String) schema.get("$ref"));
        }
        if (!"object".equals(schema.get("type")) || schema.containsKey("allOf")) {
          throw new IllegalStateException("an allOf AsOpenApi30 cannot restate: " + parts);
        }
        properties.putAll(copy((Map<String, Object>) schema.get("properties")));
        required.addAll((List<Object>) schema.getOrDefault("required", List.of()));
      }
      map.put("type", "object");
      map.put("properties", properties);
      map.put("required", required);
    }
    if (map.get("examples") instanceof List<?>) {
      map.remove("examples");
    }
    map.remove("contentEncoding");
    map.remove("contentMediaType");
    map.remove("contentSchema");
    map.values().forEach(this::restate);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> resolve(String reference) {
    Object target = root;
    for (String part : reference.substring(2).split("/")) {
      target = ((Map<String, Object>) target).get(part);
    }
    if (target == null) {
      throw new IllegalStateException("unresolved " + reference);
    }
    return (Map<String, Object>) target;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            copy.put(
                key,
                value instanceof Map<?, ?> nested
                    ? copy((Map<String, Object>) nested)
                    : value instanceof List<?> list ? new ArrayList<>(list) : value));
    return copy;
  }
}
