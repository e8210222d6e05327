package io.consentledger.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a browser test. With {@code CI=true} it always runs, and fails without Chromium; elsewhere it is skipped, with
 * the reason, when Debian's chromium and chromium-driver are not installed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserCondition.class)
public @interface EnabledIfBrowser {}
