package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The templates leave escaping to JTE: no raw output anywhere, so that nothing a submitter or a
 * partner wrote can become markup (ConsoleEscapingIT shows it on the pages themselves).
 */
class ConsoleTemplatesTest {

  private static List<Path> templates() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/jte/console"))) {
      return files.filter(p -> p.toString().endsWith(".jte")).toList();
    }
  }

  @Test
  void noTemplateWritesRawOutput() throws IOException {
    List<Path> templates = templates();
    assertTrue(templates.size() >= 5, templates.toString());
    for (Path template : templates) {
      String text = Files.readString(template);
      assertFalse(text.contains("$unsafe{"), template + " writes raw output");
    }
  }

  @Test
  void fragmentsLiveInTheirOwnFolder() throws IOException {
    for (Path template : templates()) {
      String text = Files.readString(template);
      // a page starts with the layout; a template without it is a fragment (or the layout)
      boolean page = text.contains("@template.console.layout(");
      boolean layout = template.getFileName().toString().equals("layout.jte");
      assertTrue(
          page || layout || template.getParent().endsWith("fragments"),
          template + " is neither a page nor in fragments/");
    }
  }
}
