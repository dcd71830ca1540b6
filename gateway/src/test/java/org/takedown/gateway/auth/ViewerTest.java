package org.takedown.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.security.authentication.Authentication;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who a caller is as a reader, and what a submitter's {@code sub} may be. */
class ViewerTest {

  @Test
  void officersAndAdminsReadEverythingAndAnyoneElseOnlyItsOwn() {
    assertEquals(new Viewer.Everyone(), viewerOf("officer-1", "liaison-officer"));
    assertEquals(new Viewer.Everyone(), viewerOf("root", "admin"));
    assertEquals(new Viewer.Everyone(), viewerOf("both", "case-submitter", "liaison-officer"));
    assertEquals(new Viewer.Submitter("triage"), viewerOf("triage", "case-submitter"));
    // a caller with no role the contract knows is never everyone
    assertEquals(new Viewer.Submitter("nobody"), viewerOf("nobody"));
    assertEquals(new Viewer.Submitter("auditor"), viewerOf("auditor", "auditor"));
  }

  @Test
  void aSubmitterCannotHoldANullBlankOrUnusableSub() {
    for (String sub :
        Arrays.asList(null, "", " ", "\t\n", "triage\u0000", "a\u001bb", "é".repeat(256))) {
      assertThrows(IllegalArgumentException.class, () -> new Viewer.Submitter(sub), "sub " + sub);
    }
    assertEquals("é".repeat(255), new Viewer.Submitter("é".repeat(255)).sub());
  }

  @Test
  void eachViewerChoosesItsOwnRead() {
    assertEquals("all", new Viewer.Everyone().choose(() -> "all", sub -> "of " + sub));
    assertEquals(
        "of triage", new Viewer.Submitter("triage").choose(() -> "all", sub -> "of " + sub));
  }

  @Test
  void aMissingViewerReadsNothing() {
    Viewer missing = null;
    assertThrows(NullPointerException.class, () -> missing.choose(() -> "all", sub -> sub));
  }

  @Test
  void namesTheDefectOfASubWithoutRepeatingIt() {
    assertEquals("is missing", SubjectRules.defect(null).orElseThrow());
    assertEquals("is blank", SubjectRules.defect("  ").orElseThrow());
    assertEquals(
        "is longer than 255 characters", SubjectRules.defect("x".repeat(256)).orElseThrow());
    assertEquals(
        "holds the unusable character U+0000", SubjectRules.defect("secret\u0000").orElseThrow());
    assertEquals(
        "holds the unusable character U+D800", SubjectRules.defect("secret\ud800").orElseThrow());
    // a surrogate pair is one character, and a usable one
    assertEquals(Optional.empty(), SubjectRules.defect("agent-\ud83d\udc6e-" + "x".repeat(247)));
  }

  private static Viewer viewerOf(String sub, String... roles) {
    return ViewerArgumentBinder.of(Authentication.build(sub, List.of(roles)));
  }
}
