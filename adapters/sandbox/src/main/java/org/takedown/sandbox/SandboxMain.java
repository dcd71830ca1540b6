package org.takedown.sandbox;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the partner sandbox on fixed ports until the process is stopped, e.g. as a container next to
 * the gateway: {@code --meta-port 8181 --tiktok-port 8182 --google-port 8183 --dir ./data/sandbox
 * --callback-url http://localhost:8080}. Prints the gateway properties that point at it, one {@code
 * key=value} a line, and how to move requests on by hand.
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(SandboxCommandLine.USAGE);
      return;
    }
    SandboxOptions options;
    try {
      options = SandboxCommandLine.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(SandboxCommandLine.USAGE);
      System.exit(2);
      return;
    }
    PartnerSandbox sandbox = PartnerSandbox.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "partner-sandbox-shutdown"));
    System.out.println("# Gateway properties for the partner sandbox");
    for (Map.Entry<String, String> property : sandbox.gatewayProperties().entrySet()) {
      System.out.println(property.getKey() + "=" + property.getValue());
    }
    System.out.println(
        "# Move a request on: POST {base-url}/__sandbox/requests/{gateway request id}/ACTION");
    System.out.println(
        "# ACTION: review, complete {\"outcome\":\"REMOVED\"}, decline {\"reason\":\"NOT_FOUND\"},"
            + " preserve");
    System.out.println(
        "# Callbacks go to "
            + (options.callbackUrl().isPresent() ? options.callbackUrl().get() : "nowhere")
            + "; see adapters/sandbox/README.md");
    System.out.flush();
    stopped.await();
  }
}
