package org.takedown.sandbox;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the partner sandbox on fixed ports until the process is stopped, e.g. as a container next to
 * the gateway: {@code --meta-port 8181 --tiktok-port 8182 --google-port 8183 --dir ./data/sandbox}.
 * Prints the gateway properties that point at it, one {@code key=value} a line.
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
    System.out.flush();
    stopped.await();
  }
}
