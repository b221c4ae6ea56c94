package com.seatkeeper.platform;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The embedded PostgreSQL starts when it is enabled, its library is on the class path (it is
 * left out of the packaged jar) and no external database was given with spring.datasource.url.
 */
class EmbeddedDatabaseCondition implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var env = context.getEnvironment();
        return env.getProperty("seatkeeper.embedded-db.enabled", Boolean.class, false)
                && !StringUtils.hasText(env.getProperty("spring.datasource.url"))
                && ClassUtils.isPresent("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", context.getClassLoader());
    }
}
