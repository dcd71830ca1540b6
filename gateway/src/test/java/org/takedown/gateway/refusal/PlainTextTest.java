package org.takedown.gateway.refusal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(
      strings = {"0000", "0001", "0009", "000A", "000D", "001F", "007F", "0080", "0085", "009F"})
  void refusesEveryControlCharacterInSingleLineText(String codePoint) {
    String control = Character.toString(Integer.parseInt(codePoint, 16));

    assertFalse(PlainText.isPlain("EIB" + control + "1"));
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0009", "000A", "000D"})
  void letsTabsAndLineBreaksThroughInMultiLineText(String codePoint) {
    String control = Character.toString(Integer.parseInt(codePoint, 16));

    assertTrue(PlainText.isPlainMultiLine("line" + control + "line"));
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0000", "0007", "000B", "001B", "007F", "0085"})
  void refusesOtherControlCharactersInMultiLineText(String codePoint) {
    String control = Character.toString(Integer.parseInt(codePoint, 16));

    assertFalse(PlainText.isPlainMultiLine("line" + control + "line"));
  }

  @Test
  void refusesUnpairedSurrogatesAndKeepsPairedOnes() {
    assertFalse(PlainText.isPlain("a\uD800b"));
    assertFalse(PlainText.isPlain("a\uDC00b"));
    assertFalse(PlainText.isPlain("trailing \uD83D"));
    assertTrue(PlainText.isPlain("emoji \uD83D\uDE00 kept"));
  }

  @Test
  void keepsLettersOfEveryScriptAndFormatCharacters() {
    assertTrue(PlainText.isPlain("Brigade técnica عبد الله\u200F 李"));
    assertTrue(PlainText.isPlain(""));
  }
}
