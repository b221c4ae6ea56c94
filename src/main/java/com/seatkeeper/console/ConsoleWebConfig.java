package com.seatkeeper.console;

import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.List;
import java.util.function.Function;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's web vocabulary, registered once: converters from text to the typed ids of
 * {@code com.seatkeeper.shared}, so handlers take {@code @PathVariable PoolId} and forms hold
 * {@code SchoolId}s, and the {@link Htmx} argument.
 *
 * <p>A blank value converts to null (an optional select left empty); a malformed id fails the
 * conversion with the id's own {@code NotFoundException}: in a path that is the designed 404 page
 * ({@link ConsoleModel}), in a form field an inline message ({@code typeMismatch} in messages.properties).
 */
@Configuration
class ConsoleWebConfig implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, PoolId.class, id(PoolId::of));
        registry.addConverter(String.class, UserId.class, id(UserId::of));
        registry.addConverter(String.class, ClassId.class, id(ClassId::of));
        registry.addConverter(String.class, SchoolId.class, id(SchoolId::of));
        registry.addConverter(String.class, DistrictId.class, id(DistrictId::of));
    }

    /**
     * Static files under three prefixes only (Boot's default mappings are off: {@code spring.web.resources.add-mappings}):
     * {@code /css/**} and {@code /js/**} from {@code static/}, {@code /webjars/**} from the webjars with version-free paths
     * ({@code /webjars/htmx.org/dist/htmx.min.js}). Thymeleaf passes every URL it renders through the resource chain's
     * {@code ResourceUrlEncodingFilter}; a URL outside these prefixes now matches no resource pattern and costs nothing
     * (with Boot's {@code /**} each was looked up in four class-path locations of the jar).
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new Htmx.Resolver());
    }

    private static <T> Converter<String, T> id(Function<String, T> parse) {
        return text -> text.isBlank() ? null : parse.apply(text.strip());
    }
}
