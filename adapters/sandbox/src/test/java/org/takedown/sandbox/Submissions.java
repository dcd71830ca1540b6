package org.takedown.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** Create bodies as the gateway's adapters send them, per PARTNERS.md. */
final class Submissions {

  private Submissions() {}

  static Map<String, Object> meta(String externalId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request_type", "CONTENT_REMOVAL");
    body.put("content_url", "https://www.facebook.com/scam.page/posts/1");
    body.put("violation_type", "FRAUD_SCAM");
    body.put("legal_basis", "Section 263 StGB");
    body.put("case_reference", "CASE-2024-0001");
    body.put("emergency", false);
    body.put("non_disclosure", true);
    body.put("requester", Map.of("name", "Officer", "email", "officer@police.test", "unit", "C3"));
    body.put("external_id", externalId);
    return body;
  }

  static Map<String, Object> tiktok(String clientReference) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request_type", "REMOVAL");
    body.put("target_url", "https://www.tiktok.com/@scammer/video/1");
    body.put("category", "FRAUD_AND_SCAMS");
    body.put("legal_basis", "Section 263 StGB");
    body.put("case_reference", "CASE-2024-0001");
    body.put("is_emergency", false);
    body.put("non_disclosure", true);
    body.put("requester", Map.of("name", "Officer", "email", "officer@police.test", "unit", "C3"));
    body.put("client_reference", clientReference);
    return body;
  }

  static Map<String, Object> google() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestType", "REMOVAL");
    body.put("contentUri", "https://www.youtube.com/watch?v=scam");
    body.put("product", "YOUTUBE");
    body.put("category", "FINANCIAL_SCAM");
    body.put("legalBasis", "Section 263 StGB");
    body.put("caseReference", "CASE-2024-0001");
    body.put("emergency", false);
    body.put("nonDisclosure", true);
    body.put("contact", Map.of("name", "Officer", "email", "officer@police.test", "unit", "C3"));
    return body;
  }
}
