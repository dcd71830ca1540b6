package org.takedown.contracts;

/** The partner a request goes to, derived from the item's URL host. */
public enum Platform {
  META,
  TIKTOK,
  GOOGLE
}
