package io.cercle.testsupport;

import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signed tokens shaped as the test realm's Keycloak issues them (keycloak/cercle-test-realm.json,
 * docs/adr/0009-roles-scoped-to-one-tenant.md), for web slice tests ({@link CercleWebMvcTest}): an access token
 * ({@code typ} Bearer) from client {@code cercle-web} ({@code azp}) for the Cercle API ({@code aud}), with
 * {@code sub}, {@code preferred_username}, {@code email}, the profile names, {@code platform-admin} as the one realm
 * role, and the {@code organization} claim as a map
 * keyed by alias whose entry carries that tenant's roles ({@code resource_access.cercle-api.roles}) and groups.
 * Signed with {@link TestSigningKey}; the variants Keycloak also hands out (expired, an ID token, another client,
 * another audience, several organizations) are one call away, so a slice shows each is refused by the production
 * validation. {@code TestTokensMatchKeycloakTest} (identity-service) keeps the shape true to the real server.
 *
 * <pre>{@code
 * mvc.perform(get("/tenant").header(AUTHORIZATION, TestTokens.of(TestUser.TENANT_A_ADMIN).bearer()))
 * mvc.perform(get("/deliveries").header(AUTHORIZATION, TestTokens.member("t-1").tenantAdmin().bearer()))
 * }</pre>
 */
public final class TestTokens {

    /** The issuer slices trust (never contacted: the keys come from {@link TestSigningKey#jwkSetUri()}). */
    public static final String ISSUER = "http://keycloak.test/realms/cercle";
    public static final String WEB_CLIENT = "cercle-web";
    public static final String API_AUDIENCE = "cercle-api";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String PLATFORM_ADMIN = "platform-admin";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /** The access token a test realm user gets with the web client's default scopes. */
    public static Token of(TestUser user) {
        Token token = person(user.username(), user.username() + "@" + switch (user.username()) {
            case "root" -> "cercle.test";
            case "dave" -> "consulting.cercle.test";
            default -> user.tenant() + ".cercle.test";
        });
        switch (user.username()) {
            case "root" -> token.name("Platform", "Admin");
            case "alice" -> token.name("Alice", "Admin");
            case "bob" -> token.name("Bob", "Member");
            case "carol" -> token.name("Carol", "Member");
            case "dave" -> token.name("Dave", "Consultant");
            default -> { }
        }
        if (user.equals(TestUser.PLATFORM_ADMIN)) {
            return token.platformAdmin();
        }
        if (user.equals(TestUser.CONSULTANT)) {
            // In two organizations with the plain "organization" scope: Keycloak names none (the group mapper
            // leaves an empty map); tenant(alias) narrows to one, as signing in with organization:<alias> does.
            return token.organizations(Map.of());
        }
        token.tenant(user.tenant());
        return user.equals(TestUser.TENANT_A_ADMIN) ? token.tenantAdmin() : token;
    }

    /** A member of {@code tenant} (no tenant role), with a subject of its own. */
    public static Token member(String tenant) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return person("member-" + id, "member-" + id + "@" + tenant + ".example").tenant(tenant);
    }

    /** Someone signed in who belongs to no organization (just registered). */
    public static Token person(String username, String email) {
        return new Token(username, email);
    }

    /** A token being shaped; {@link #jwt()} signs it. Each call changes this token and returns it. */
    public static final class Token {

        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String tenant;

        private Token(String username, String email) {
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            header.put("kid", TestSigningKey.KEY_ID);
            Instant now = Instant.now();
            claims.put("exp", now.plusSeconds(300).getEpochSecond());
            claims.put("iat", now.getEpochSecond());
            claims.put("jti", "onrtro:" + UUID.randomUUID());
            claims.put("iss", ISSUER);
            // One audience, as the web client's audience mapper gives it (Keycloak writes a single one as a string).
            claims.put("aud", API_AUDIENCE);
            claims.put("sub", UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString());
            claims.put("typ", "Bearer");
            claims.put("azp", WEB_CLIENT);
            claims.put("sid", UUID.randomUUID().toString());
            claims.put("acr", "1");
            claims.put("allowed-origins", List.of("http://localhost:*"));
            claims.put("scope", "email profile organization");
            claims.put("email_verified", true);
            claims.put("name", username);
            claims.put("preferred_username", username);
            claims.put("given_name", username);
            claims.put("family_name", username);
            claims.put("email", email);
        }

        public Token subject(String subject) {
            claims.put("sub", subject);
            return this;
        }

        public Token email(String email, boolean verified) {
            claims.put("email", email);
            claims.put("email_verified", verified);
            return this;
        }

        /** The one organization the token names (what {@code scope=organization:<alias>} gives), as a plain member. */
        public Token tenant(String alias) {
            this.tenant = alias;
            return organizations(new LinkedHashMap<>(Map.of(alias, Map.of("groups", List.of()))));
        }

        /** Makes the caller an admin of the token's tenant: Keycloak maps the "admins" group's role into its entry. */
        public Token tenantAdmin() {
            if (tenant == null) {
                throw new IllegalStateException("tenantAdmin() needs tenant(alias) first");
            }
            return organizations(new LinkedHashMap<>(Map.of(tenant, Map.of("groups", List.of("/admins"),
                    "resource_access", Map.of(API_AUDIENCE, Map.of("roles", List.of(TENANT_ADMIN)))))));
        }

        /** Several organizations at once ({@code scope=organization:*}), each as a plain member: no tenant. */
        public Token organizations(String... aliases) {
            Map<String, Object> byAlias = new LinkedHashMap<>();
            Arrays.stream(aliases).forEach(alias -> byAlias.put(alias, Map.of("groups", List.of())));
            return organizations(byAlias);
        }

        /** The {@code organization} claim exactly as given (a map keyed by alias, a list, or null for none). */
        public Token organizations(Object claim) {
            if (claim == null) {
                claims.remove("organization");
            } else {
                claims.put("organization", claim);
            }
            return this;
        }

        /** The realm role {@code platform-admin}: the only realm role in the token, as the test realm maps it. */
        public Token platformAdmin() {
            claims.put("realm_access", Map.of("roles", List.of(PLATFORM_ADMIN)));
            return this;
        }

        /** The display name Keycloak puts in the profile claims. */
        public Token name(String givenName, String familyName) {
            claims.put("given_name", givenName);
            claims.put("family_name", familyName);
            claims.put("name", givenName + " " + familyName);
            return this;
        }

        /** Expired {@code ago} ago (issued five minutes before that, as the realm's lifespan gives). */
        public Token expiredSince(Duration ago) {
            Instant expiry = Instant.now().minus(ago);
            claims.put("exp", expiry.getEpochSecond());
            claims.put("iat", expiry.minusSeconds(300).getEpochSecond());
            return this;
        }

        /** Issued to another client of the realm (e.g. {@code admin-cli}). */
        public Token authorizedParty(String client) {
            claims.put("azp", client);
            return this;
        }

        /** Meant for other audiences (a client without the cercle-api audience mapper gets {@code account}). */
        public Token audience(String... audiences) {
            claims.put("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
            return this;
        }

        /** The ID token of the same sign-in: {@code typ} ID, meant for the web client itself. */
        public Token idToken() {
            claims.put("typ", "ID");
            claims.put("aud", WEB_CLIENT);
            claims.remove("realm_access");
            claims.remove("scope");
            claims.remove("allowed-origins");
            return this;
        }

        public Token issuer(String issuer) {
            claims.put("iss", issuer);
            return this;
        }

        public Token claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Map<String, Object> claims() {
            return Map.copyOf(claims);
        }

        /** The signed compact JWT. */
        public String jwt() {
            String signingInput = encode(header) + "." + encode(claims);
            return signingInput + "." + TestSigningKey.get().sign(signingInput);
        }

        /** {@code Bearer <jwt>}, the Authorization header's value. */
        public String bearer() {
            return "Bearer " + jwt();
        }

        private static String encode(Map<String, Object> json) {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        }
    }
}
