package com.seatkeeper.platform;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class PlatformConfig {
    /** Every "now" comes from here, so tests can move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Request mappings matched by path first (see {@link PathFirstRequestMappingHandlerMapping}). */
    @Bean
    WebMvcRegistrations pathFirstRequestMappings() {
        return new WebMvcRegistrations() {
            @Override
            public org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstRequestMappingHandlerMapping();
            }
        };
    }

    /** Query parameters of the API that the operation does not take, or that are given twice, are refused (see {@link StrictQueryParameters}). */
    @Bean
    WebMvcConfigurer strictQueryParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new StrictQueryParameters()).addPathPatterns("/api/**");
            }
        };
    }
}
