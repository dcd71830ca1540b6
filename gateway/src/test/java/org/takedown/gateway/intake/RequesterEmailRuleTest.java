package org.takedown.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code requestedBy.email}: the gateway accepts exactly the addresses the OpenAPI document allows
 * (decision 0036), so that a client validating against the document and the gateway never disagree.
 */
class RequesterEmailRuleTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> documentedEmail() throws IOException {
    try (InputStream in =
        RequesterEmailRuleTest.class.getResourceAsStream("/openapi/takedown-gateway.yml")) {
      Map<String, Object> document = new Yaml().load(in);
      Map<String, Object> components = (Map<String, Object>) document.get("components");
      Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");
      Map<String, Object> requestedBy = (Map<String, Object>) schemas.get("RequestedBy");
      Map<String, Object> properties = (Map<String, Object>) requestedBy.get("properties");
      return (Map<String, Object>) properties.get("email");
    }
  }

  private static boolean documentAllows(String email) throws IOException {
    // the document's pattern is an ECMA-262 one; written without classes such as \s or \w, it
    // means the same to java.util.regex
    return Pattern.compile((String) documentedEmail().get("pattern")).matcher(email).find();
  }

  @Test
  void theDocumentStatesTheGatewaysRuleAndNoFormat() throws IOException {
    Map<String, Object> email = documentedEmail();

    assertEquals("^" + CaseSubmissionParser.EMAIL.pattern() + "$", email.get("pattern"));
    assertFalse(email.containsKey("format"), "format: email reads differently in every tool");
  }

  static Stream<Arguments> addresses() {
    return Stream.of(
        Arguments.of("brigade.technique@dgsn.example", true),
        Arguments.of("o'brien+takedown@police.example.ma", true),
        Arguments.of("\"><img/src=x/onerror=alert(3)>@bnpj.example", true),
        Arguments.of("officier@gendarmerie.xn--mgbc0a9azcg", true),
        Arguments.of("مكتب@dgsn.example", true),
        // a no-break space is no space to either
        Arguments.of("agent\u00a0un@dgsn.example", true),
        Arguments.of("not-an-email", false),
        Arguments.of("agent@localhost", false),
        Arguments.of("agent un@dgsn.example", false),
        Arguments.of("agent@@dgsn.example", false),
        Arguments.of("agent@dgsn.example@other.example", false),
        Arguments.of("@dgsn.example", false),
        Arguments.of("agent@.", false),
        Arguments.of("agent@dgsn.", false));
  }

  @ParameterizedTest
  @MethodSource("addresses")
  void theDocumentAndTheGatewayGiveTheSameVerdict(String email, boolean allowed)
      throws IOException {
    assertEquals(allowed, documentAllows(email), "the document");
    assertEquals(allowed, CaseSubmissionParser.EMAIL.matcher(email).matches(), "the gateway");
  }
}
