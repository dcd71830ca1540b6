package org.takedown.gateway.console.signin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A claim named by a dotted path: {@code roles} is the top-level claim, {@code realm_access.roles}
 * the {@code roles} member of the {@code realm_access} object (Keycloak's realm roles). A claim
 * name that itself holds a dot (as some providers' namespaced claims do) is found too: the longest
 * name present at each level wins.
 */
final class ClaimPath {

  private final String path;

  ClaimPath(String path) {
    this.path = path;
  }

  /**
   * The strings at the path: a list's string members, or a single string. Anything else, or a path
   * that leads nowhere, is no role at all, never an error.
   */
  List<String> strings(Map<String, ?> claims) {
    Object value = find(claims, path);
    List<String> found = new ArrayList<>();
    if (value instanceof String single) {
      found.add(single);
    } else if (value instanceof Collection<?> many) {
      for (Object member : many) {
        if (member instanceof String role) {
          found.add(role);
        }
      }
    }
    return List.copyOf(found);
  }

  private static Object find(Map<String, ?> level, String rest) {
    if (level.containsKey(rest)) {
      return level.get(rest);
    }
    int dot = rest.lastIndexOf('.');
    while (dot > 0) {
      String head = rest.substring(0, dot);
      if (level.get(head) instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, ?> next = (Map<String, ?>) nested;
        Object value = find(next, rest.substring(dot + 1));
        if (value != null) {
          return value;
        }
      }
      dot = rest.lastIndexOf('.', dot - 1);
    }
    return null;
  }

  @Override
  public String toString() {
    return path;
  }
}
