package org.takedown.gateway.testing.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives a real browser: one headless Chromium for the class, handed to each test
 * as a {@link Browser} parameter, signed out and on a blank page at the start of each test; for
 * each failing test a screenshot, the page source and the browser console under {@code
 * target/browser-failures/<TestClass>/}; no browser or driver process left when the class ends.
 * Tagged {@code browser}, so that {@code -DexcludedGroups=browser} leaves these tests out on
 * purpose. Beside {@code @MicronautTest}, pages are opened on the gateway under test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("browser")
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {}
