package org.takedown.gateway.console;

/**
 * The console's navigation: one constant per page that exists, in the order the menu lists them. A
 * new page adds itself here (its path and the key of its name in the message bundles) and passes
 * its constant to {@link ConsolePages#chrome}, which marks it as the current page. Pages reached
 * from another (a request, a case) are not sections.
 */
public enum Section {
  WORK_QUEUE("/console", "nav.workQueue", "work-queue"),
  REQUESTS("/console/requests", "nav.requests", "requests"),
  // admins only, as the API's dead letter: an officer would find a 403 page behind the link
  DEAD_LETTER("/console/dead-letter", "nav.deadLetter", "dead-letter", true),
  PRESERVATIONS("/console/preservations", "nav.preservations", "preservations"),
  PARTNERS("/console/partners", "nav.partners", "partners"),
  STATISTICS("/console/statistics", "nav.statistics", "statistics");

  private final String path;
  private final String messageKey;
  private final String slug;
  private final boolean adminOnly;

  Section(String path, String messageKey, String slug) {
    this(path, messageKey, slug, false);
  }

  Section(String path, String messageKey, String slug, boolean adminOnly) {
    this.path = path;
    this.messageKey = messageKey;
    this.slug = slug;
    this.adminOnly = adminOnly;
  }

  /** True for a page only admins may open: the menu shows it to them alone. */
  public boolean adminOnly() {
    return adminOnly;
  }

  public String path() {
    return path;
  }

  public String messageKey() {
    return messageKey;
  }

  /** Its name in ids and {@code data-testid}s: {@code nav-work-queue}. */
  public String slug() {
    return slug;
  }
}
