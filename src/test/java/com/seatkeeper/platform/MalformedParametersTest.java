package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The query-string check of multipart requests ({@link MalformedParameters#decodable}): what Tomcat would refuse when it
 * decodes parameters (RFC 3986 §2.1 percent-encoding, UTF-8) is refused, everything it takes is taken. The filter itself
 * is exercised over HTTP by PagedListsApiTest (API and console) and ImportApiTest (uploads keep their own answers).
 */
class MalformedParametersTest {

    @Test
    void percentEncodingAndUtf8AreCheckedPerNameAndValue() {
        assertThat(MalformedParameters.decodable(null)).isTrue();
        assertThat(MalformedParameters.decodable("dryRun=true")).isTrue();
        assertThat(MalformedParameters.decodable("q=100%25&x=%C3%A9t%C3%A9")).isTrue();
        assertThat(MalformedParameters.decodable("q=a+b&&=")).isTrue();
        assertThat(MalformedParameters.decodable("q=100%")).isFalse();
        assertThat(MalformedParameters.decodable("q=%ZZ")).isFalse();
        assertThat(MalformedParameters.decodable("q=%4")).isFalse();
        assertThat(MalformedParameters.decodable("q=%C3")).as("a UTF-8 sequence cut short").isFalse();
        assertThat(MalformedParameters.decodable("q=%C3&r=%A9")).as("not joined across parameters").isFalse();
        assertThat(MalformedParameters.decodable("q=%FF")).isFalse();
    }
}
