package com.seatkeeper.console.imports;

import com.seatkeeper.roster.changes.SyncRunId;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Handlers take {@code @PathVariable SyncRunId}: a malformed run id is the designed 404 page, as for the other ids. */
@Configuration
class ImportsWebConfig implements WebMvcConfigurer {
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, SyncRunId.class, text -> text.isBlank() ? null : SyncRunId.of(text.strip()));
    }
}
