package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.buf.UDecoder;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.Parameters;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Each cause Tomcat reports for parameters it cannot read ({@link ParameterFault#of}), from the exceptions Tomcat's own
 * parameter parser throws, and the answer of each ({@link HttpErrors#parameters}).
 */
class ParameterFaultTest {

    @Test
    void tomcats_own_parser_failures_are_told_apart() {
        assertThat(ParameterFault.of(parse("a=1&b=2&c=3&d=4", 3), 3)).isEqualTo(ParameterFault.TOO_MANY);
        assertThat(ParameterFault.of(parse("a=1&b=2&c=3&d=4", 3), 1000)).as("another limit's words are not this one's")
                .isEqualTo(ParameterFault.MALFORMED);
        assertThat(ParameterFault.of(parse("q=%ZZ", 1000), 1000)).isEqualTo(ParameterFault.MALFORMED);
        assertThat(ParameterFault.of(parse("q=100%", 1000), 1000)).isEqualTo(ParameterFault.MALFORMED);
        assertThat(ParameterFault.of(parse("=x", 1000), 1000)).isEqualTo(ParameterFault.MALFORMED);
        // what org.apache.catalina.connector.Request throws for a form body over maxPostSize and for a body cut short
        assertThat(ParameterFault.of(new InvalidParameterException("Parameters were not parsed because the size of the posted data was "
                + "too big.", 413), 1000)).isEqualTo(ParameterFault.TOO_LARGE);
        assertThat(ParameterFault.of(new InvalidParameterException(new BadRequestException("unexpected end of stream")), 1000))
                .isEqualTo(ParameterFault.UNREADABLE);
        // a multipart body of too many parts: Tomcat says 413, as for a size, with the count as the cause
        assertThat(ParameterFault.of(new InvalidParameterException(new FileCountLimitExceededException("attachment", 50), 413), 1000))
                .isEqualTo(ParameterFault.TOO_MANY_PARTS);
    }

    @Test
    void each_cause_has_its_own_code_status_and_words() {
        HttpErrors many = HttpErrors.parameters(ParameterFault.TOO_MANY, 1000, DataSize.ofMegabytes(1), 50);
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.code()).isEqualTo("too_many_parameters");
        assertThat(many.detail()).contains("more than 1,000").contains("assignments:bulk").contains("upload");
        HttpErrors large = HttpErrors.parameters(ParameterFault.TOO_LARGE, 1000, DataSize.ofMegabytes(1), 50);
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.code()).isEqualTo("payload_too_large");
        assertThat(large.detail()).contains("1 MB");
        HttpErrors parts = HttpErrors.parameters(ParameterFault.TOO_MANY_PARTS, 1000, DataSize.ofMegabytes(1), 50);
        assertThat(parts.status()).isEqualTo(400);
        assertThat(parts.code()).isEqualTo("too_many_parts");
        assertThat(parts.detail()).contains("more than 50 parts").contains("server.tomcat.max-part-count").doesNotContain("larger");
        assertThat(HttpErrors.parameters(ParameterFault.MALFORMED, 1000, DataSize.ofMegabytes(1), 50)).isEqualTo(HttpErrors.MALFORMED_PARAMETERS);
        assertThat(HttpErrors.parameters(ParameterFault.UNREADABLE, 1000, DataSize.ofMegabytes(1), 50).detail()).contains("Send it again");
    }

    /** The exception Tomcat's parser throws for {@code body} with at most {@code limit} parameters. */
    private static InvalidParameterException parse(String body, int limit) {
        Parameters parameters = new Parameters();
        parameters.setLimit(limit);
        parameters.setCharset(StandardCharsets.UTF_8);
        parameters.setURLDecoder(new UDecoder());
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class,
                () -> parameters.processParameters(bytes, 0, bytes.length));
        assertThat(e).as(body).isNotNull();
        return e;
    }
}
