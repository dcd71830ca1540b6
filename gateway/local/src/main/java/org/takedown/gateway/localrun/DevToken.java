package org.takedown.gateway.localrun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a development token the local run trusts:
 *
 * <pre>
 * java -cp gateway/local/target/takedown-gateway-local.jar org.takedown.gateway.localrun.DevToken
 *     --sub e-blagh-triage --roles case-submitter [--ttl PT8H] [--data-dir ./data]</pre>
 */
public final class DevToken {

  private DevToken() {}

  public static void main(String[] args) {
    String subject = "dev-submitter";
    List<String> roles = new ArrayList<>(List.of("case-submitter"));
    Duration ttl = Duration.ofHours(8);
    Path dataDir = Path.of(LocalServices.DEFAULT_DATA_DIR);
    String audience = "takedown-gateway";
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--sub" -> subject = value;
        case "--roles" -> roles = Arrays.stream(value.split(",")).map(String::trim).toList();
        case "--ttl" -> ttl = Duration.parse(value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--aud" -> audience = value;
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    DevSigningKey key = DevSigningKey.loadOrCreate(dataDir.resolve(LocalServices.DEV_AUTH_DIR));
    // the demo compose's gateway signs custody checkpoints with a key kept beside it
    DevCustodyKey.loadOrCreate(dataDir.resolve(LocalServices.CUSTODY_DIR));
    System.out.println(key.issue(subject, roles, audience, ttl));
  }
}
