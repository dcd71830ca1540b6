package org.takedown.gateway.console.signin;

import io.micronaut.context.annotation.Requires;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a bean of the console: it exists unless {@code gateway.console.enabled} is false (an API-only
 * gateway, docs/operations.md "The console in production"). Every console controller, filter and
 * handler carries it, so that an API-only gateway serves no page under {@code /console} (401 or
 * 404).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = ConsoleEnabled.PROPERTY, notEquals = "false")
public @interface ConsoleEnabled {

  /** {@code gateway.console.enabled}, true by default. */
  String PROPERTY = "gateway.console.enabled";
}
