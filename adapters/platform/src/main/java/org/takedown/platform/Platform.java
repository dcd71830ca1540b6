package org.takedown.platform;

/** A partner platform the gateway sends takedown and preservation requests to. */
public enum Platform {
  META,
  TIKTOK,
  GOOGLE
}
