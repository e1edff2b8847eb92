package io.cercle.platform.page;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets {@code ?cursor=} bind to a {@link NewestFirstCursor} in every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PageAutoConfiguration {

    @Bean
    WebMvcConfigurer newestFirstCursorBinding() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addConverter(String.class, NewestFirstCursor.class, (Converter<String, NewestFirstCursor>)
                        value -> value.isBlank() ? null : NewestFirstCursor.decode(value.strip()));
            }
        };
    }
}
