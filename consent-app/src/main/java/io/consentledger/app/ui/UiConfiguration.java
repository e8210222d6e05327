package io.consentledger.app.ui;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of the pages: the browser's {@code Accept-Language} until someone picks one with {@code ?lang=}, which
 * a cookie then remembers. The switch listens on the back office's pages only.
 */
@Configuration(proxyBeanMethods = false)
class UiConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("consent-ledger-lang");
        resolver.setDefaultLocale(null);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(
                request -> request.getLocale() == null ? Locale.ENGLISH : request.getLocale());
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/", "/contacts/**", "/settings/**", "/webhooks/**", "/login");
    }
}
