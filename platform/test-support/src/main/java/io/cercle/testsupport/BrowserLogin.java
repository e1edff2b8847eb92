package io.cercle.testsupport;

import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in the way a browser does with a client that has no password grant: authorization code with PKCE (S256)
 * through Keycloak's own login form. Enough HTML handling for Keycloak's login page, nothing more.
 */
final class BrowserLogin {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private BrowserLogin() {
    }

    static String accessToken(String oidcBase, String username, String password, String clientId, String redirectUri) {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String state = UUID.randomUUID().toString();
        String authorize = oidcBase + "/auth?" + form(Map.of("client_id", clientId, "response_type", "code",
                "scope", "openid", "redirect_uri", redirectUri, "state", state,
                "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(URI.create(authorize)).GET().build(), cookies);
        // With organizations on, Keycloak asks for the username first and the password on a second page: post the
        // login form until it redirects.
        for (int step = 0; step < 3 && page.statusCode() == 200; step++) {
            Matcher formTag = LOGIN_FORM.matcher(page.body());
            if (!formTag.find()) {
                break;
            }
            Matcher action = ACTION.matcher(formTag.group());
            if (!action.find()) {
                throw new IllegalStateException("Keycloak's login form has no action: " + formTag.group());
            }
            page = send(browser, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                            "credentialId", ""))))
                    .build(), cookies);
        }
        HttpResponse<String> signedIn = page;
        String location = signedIn.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "Signing in as " + username + " did not redirect (" + signedIn.statusCode() + "): " + signedIn.body()));
        String code = query(URI.create(location)).get("code");
        if (code == null || !state.equals(query(URI.create(location)).get("state"))) {
            throw new IllegalStateException("Signing in as " + username + " redirected without a code: " + location);
        }
        HttpResponse<String> token = KeycloakServer.send(browser, HttpRequest.newBuilder(URI.create(oidcBase + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", code, "redirect_uri", redirectUri, "client_id", clientId, "code_verifier", verifier))))
                .build());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("Exchanging the code answered " + token.statusCode() + ": " + token.body());
        }
        return (String) JSON.readValue(token.body(), Map.class).get("access_token");
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return Pattern.compile("&").splitAsStream(query).filter(pair -> pair.contains("="))
                .collect(Collectors.toMap(pair -> pair.substring(0, pair.indexOf('=')),
                        pair -> URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8),
                        (first, second) -> first));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Keycloak marks its session cookies Secure; a browser still sends them to http://localhost, the JDK's
     * CookieManager does not: this jar passes them on by hand.
     */
    private static HttpResponse<String> send(HttpClient http, HttpRequest request, Map<String, String> cookies) {
        HttpRequest withCookies = cookies.isEmpty() ? request : HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")))
                .build();
        HttpResponse<String> response = KeycloakServer.send(http, withCookies);
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            String pair = cookie.contains(";") ? cookie.substring(0, cookie.indexOf(';')) : cookie;
            if (pair.contains("=")) {
                cookies.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return response;
    }
}
