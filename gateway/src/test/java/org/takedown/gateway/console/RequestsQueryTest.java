package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.takedown.contracts.Category;
import org.takedown.gateway.status.RequestFilter;

/** How the requests list reads its query string, and the addresses it writes. */
class RequestsQueryTest {

  static final ZoneId CASABLANCA = ZoneId.of("Africa/Casablanca");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static RequestsQuery query(String... pairs) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      parameters.put(pairs[i], List.of(pairs[i + 1]));
    }
    return RequestsQuery.of(parameters);
  }

  @Test
  void readsADateAsAWholeDayInTheConsolesTimeZoneBothDaysIncluded() {
    RequestFilter inTokyo =
        query("createdFrom", "2024-06-20", "createdTo", "2024-06-21").read(TOKYO).filter();

    assertEquals(Instant.parse("2024-06-19T15:00:00Z"), inTokyo.createdFrom());
    assertEquals(Instant.parse("2024-06-21T15:00:00Z"), inTokyo.createdTo(), "the 21st included");

    // Casablanca is UTC+1 in June, UTC+0 during Ramadan (March 2024)
    RequestFilter june = query("createdFrom", "2024-06-20").read(CASABLANCA).filter();
    assertEquals(Instant.parse("2024-06-19T23:00:00Z"), june.createdFrom());
    RequestFilter ramadan = query("createdTo", "2024-03-20").read(CASABLANCA).filter();
    assertEquals(Instant.parse("2024-03-21T00:00:00Z"), ramadan.createdTo());
  }

  @Test
  void readsADateTimeAsTheApiDoes() {
    RequestFilter filter =
        query("createdFrom", "2024-06-20T10:00:00+02:00", "createdTo", "2024-06-20T12:00:00Z")
            .read(TOKYO)
            .filter();

    assertEquals(Instant.parse("2024-06-20T08:00:00Z"), filter.createdFrom());
    assertEquals(Instant.parse("2024-06-20T12:00:00Z"), filter.createdTo(), "exclusive, as given");
  }

  @Test
  void oneDayIsARangeButADayBeforeTheStartIsNot() {
    assertTrue(
        query("createdFrom", "2024-06-20", "createdTo", "2024-06-20")
            .read(CASABLANCA)
            .errors()
            .isEmpty());

    RequestsQuery.Reading backwards =
        query("createdFrom", "2024-06-20", "createdTo", "2024-06-19").read(CASABLANCA);

    assertNull(backwards.filter());
    assertEquals(Map.of("createdTo", "requests.error.createdRange"), backwards.errors());
  }

  @Test
  void namesEveryUnreadableValueWithItsOwnMessageInTheFormsOrder() {
    RequestsQuery.Reading reading =
        query(
                "createdTo", "2024-02-30",
                "status", "DONE",
                "url", "javascript:alert(1)",
                "caseRef", "EIB\u0000",
                "overdue", "yes",
                "createdFrom", "yesterday",
                "limit", "0",
                "cursor", "not-a-cursor")
            .read(CASABLANCA);

    assertNull(reading.filter());
    assertEquals(
        List.of(
            "status", "overdue", "caseRef", "url", "createdFrom", "createdTo", "limit", "cursor"),
        List.copyOf(reading.errors().keySet()));
    assertEquals("requests.error.status", reading.errors().get("status"));
    assertEquals("requests.error.createdTo", reading.errors().get("createdTo"));
    assertEquals("requests.error.cursor", reading.errors().get("cursor"));
  }

  @Test
  void aBadDateBesideAGoodOneIsNotMistakenForAnEmptyRange() {
    RequestsQuery.Reading reading =
        query("status", "DONE", "createdFrom", "2024-06-21", "createdTo", "2024-06-20x")
            .read(CASABLANCA);

    assertEquals("requests.error.createdTo", reading.errors().get("createdTo"));
  }

  @Test
  void canonicalisesTheUrlAsIntakeDoes() {
    RequestFilter filter =
        query("url", " https://www.TikTok.com/@x/video/7312345678901234567/?is_from_webapp=1 ")
            .read(CASABLANCA)
            .filter();

    assertEquals("https://tiktok.com/@x/video/7312345678901234567", filter.canonicalUrl());
  }

  @Test
  void ignoresWhiteSpaceAroundValuesAndEmptyFieldsAndNamesThemForARedirect() {
    RequestsQuery query =
        query("status", "", "category", " TERRORISM ", "caseRef", "  ", "overdue", "true");

    assertTrue(query.untidy());
    assertEquals("/console/requests?category=TERRORISM&overdue=true", query.link());
    RequestFilter filter = query.read(CASABLANCA).filter();
    assertEquals(Category.TERRORISM, filter.category());
    assertNull(filter.caseRef());
    assertNull(filter.status());
    assertFalse(query("category", "TERRORISM").untidy());
    assertTrue(query("category", "TERRORISM", "limit", "50").untidy(), "the default page size");
    assertEquals(
        "/console/requests?category=TERRORISM",
        query("category", "TERRORISM", "limit", "50").link());
  }

  @Test
  void writesItsAddressesInTheFormsOrderEncodedWithTheCursorLast() {
    RequestsQuery query =
        query(
            "cursor", "abc",
            "caseRef", "EIB 1&2=3",
            "ignored", "x",
            "status", "FAILED",
            "limit", "25");

    assertEquals(
        "/console/requests?status=FAILED&caseRef=EIB+1%262%3D3&limit=25&cursor=abc", query.link());
    assertEquals(
        "/console/requests?status=FAILED&caseRef=EIB+1%262%3D3&limit=25", query.firstPage());
    assertEquals(
        "/console/requests?status=FAILED&caseRef=EIB+1%262%3D3&limit=25&cursor=x%2By",
        query.page("x+y"));
    assertEquals("/console/requests", query().firstPage());
    assertTrue(query.filters());
    assertFalse(query("limit", "25").filters(), "a page size filters nothing");
  }
}
