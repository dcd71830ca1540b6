package org.takedown.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The image's build stage copies the Maven project piece by piece; Maven refuses to build when a
 * module the root pom lists is missing. No Docker engine runs here, so this keeps the two in step
 * (a new module once broke the image build unnoticed).
 */
class DockerBuildContextTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void theImageCopiesEveryModuleTheRootPomLists() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
    Set<String> copied =
        Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+\\S+\\s*$")
            .matcher(dockerfile)
            .results()
            .map(match -> match.group(1))
            .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    while (module.find()) {
      String topDirectory = module.group(1).split("/")[0];
      if (!copied.contains(topDirectory)) {
        missing.add(module.group(1));
      }
    }
    assertTrue(copied.contains("pom.xml"), "the root pom is copied");
    assertTrue(missing.isEmpty(), "modules the image build cannot see: " + missing);
  }
}
