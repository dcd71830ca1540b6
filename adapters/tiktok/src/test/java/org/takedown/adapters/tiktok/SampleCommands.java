package org.takedown.adapters.tiktok;

import java.util.UUID;
import org.takedown.platform.Action;
import org.takedown.platform.Category;
import org.takedown.platform.Requester;
import org.takedown.platform.SubmitCommand;

/** Commands as the gateway sends them, with made-up case data. */
final class SampleCommands {

  static final UUID REQUEST_ID = UUID.fromString("3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f");
  static final String CONTENT_URL = "https://www.tiktok.com/@example/video/7312345678901234567";
  static final String OFFICER_EMAIL = "officer@unit.example";

  private SampleCommands() {}

  static SubmitCommand removal(Category category) {
    return command(Action.TAKEDOWN, category);
  }

  static SubmitCommand command(Action action, Category category) {
    return new SubmitCommand(
        REQUEST_ID,
        action,
        CONTENT_URL,
        category,
        "Criminal Code 263 (authorisation AUTH-2026-17)",
        "CASE-2026-0042",
        true,
        true,
        new Requester("Officer Example", OFFICER_EMAIL, "Cybercrime Unit"));
  }
}
