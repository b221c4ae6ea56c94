package com.seatkeeper.rostersync;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for OneRoster 1.2 (and ClassLink's bearer proxy for 1.1): the token
 * request is Spring Security's {@link RestClientClientCredentialsTokenResponseClient} (client id and secret by HTTP
 * Basic, RFC 6749 §2.3.1; the §5.1 answer and §5.2 errors read by its converters), over the connector's JDK
 * {@link HttpClient} with the request timeout. The token is kept in memory until {@code margin} before its
 * {@code expires_in} ends (a token without {@code expires_in} is used until the server refuses it) and dropped by
 * {@link #invalidate()} (a 401 mid-run: the caller asks once more). One pull, one thread; the secret is never logged and
 * {@code toString()} hides it.
 */
final class OAuth2Tokens {
    /** The scope asked of a OneRoster 1.2 server: the core read operations (the 1.2 definition's OAuth2CC scopes). */
    static final String ONEROSTER_12_CORE_SCOPE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";

    /** Why a token could not be had, with the OAuth error code (RFC 6749 §5.2) when the server gave one. */
    static final class TokenFailure extends Exception {
        final String errorCode;
        final boolean transientFailure;

        TokenFailure(String errorCode, boolean transientFailure, String message) {
            super(message, null, false, false);
            this.errorCode = errorCode;
            this.transientFailure = transientFailure;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClientRegistration registration;
    private final RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
    private final Clock clock;
    private final Duration margin;
    private OAuth2AccessToken token;
    private long issued;

    /**
     * @param scope  the scope to ask for, or null to ask for none (the server grants what the client may have)
     * @param margin how long before expiry a token is no longer used
     */
    OAuth2Tokens(HttpClient http, Duration requestTimeout, URI tokenUrl, String clientId, String clientSecret, String scope, Clock clock,
                 Duration margin) {
        ClientRegistration.Builder b = ClientRegistration.withRegistrationId("oneroster").tokenUri(tokenUrl.toString()).clientId(clientId)
                .clientSecret(clientSecret).authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        this.registration = (scope == null ? b : b.scope(scope)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(requestTimeout);
        client.setRestClient(RestClient.builder().requestFactory(factory)
                .configureMessageConverters(c -> c.disableDefaults().addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        this.clock = clock;
        this.margin = margin;
    }

    /** The cached token while it has more than the margin left, else a new one from the token endpoint. */
    String token() throws TokenFailure {
        Instant now = clock.instant();
        if (token != null && (token.getExpiresAt() == null || token.getExpiresAt().minus(margin).isAfter(now))) {
            return token.getTokenValue();
        }
        token = null;
        try {
            token = client.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).getAccessToken();
            issued++;
            return token.getTokenValue();
        } catch (OAuth2AuthorizationException e) {
            throw failure(e);
        } catch (RestClientException e) {
            throw failure(e);
        }
    }

    /**
     * The OAuth error (RFC 6749 §5.2) of a failed token request: the library's error code, or, when it could not read one
     * (it reports {@code invalid_token_response}, e.g. for a 401 answered with a Basic challenge), the {@code error} of the
     * answer's JSON body, or {@code invalid_client} for a bare 401. 429 and 5xx answers and no answer at all are transient.
     */
    private static TokenFailure failure(Exception e) {
        String code = e instanceof OAuth2AuthorizationException o && o.getError() != null ? o.getError().getErrorCode() : "";
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RestClientResponseException r) {
                int status = r.getStatusCode().value();
                if (status == 429 || status >= 500) {
                    return new TokenFailure(code, true, "token endpoint answered " + status);
                }
                String error = errorOf(r.getResponseBodyAsString());
                code = error != null ? error : status == 401 ? "invalid_client" : code;
                return new TokenFailure(code, false, code);
            }
        }
        boolean unread = code.isEmpty() || code.equals("invalid_token_response");
        boolean noAnswer = unread && e.getCause() instanceof RestClientException;
        return new TokenFailure(code, noAnswer || e instanceof RestClientException, code);
    }

    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body).get("error");
            return error != null && error.isString() && error.asString().matches("[\\x20-\\x7e]{1,64}") ? error.asString() : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    /** Drops the cached token (the server refused it): the next {@link #token()} asks for a new one. */
    void invalidate() {
        token = null;
    }

    /** Tokens issued to this pull so far. */
    long issued() {
        return issued;
    }

    @Override
    public String toString() {
        return "OAuth2Tokens[" + registration.getProviderDetails().getTokenUri() + ", client " + registration.getClientId() + ", secret ****]";
    }
}
