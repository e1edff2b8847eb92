package io.cercle.identity;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

import static io.cercle.platform.security.test.Tokens.authenticationOf;
import static io.cercle.platform.security.test.Tokens.keycloakJwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Builds tenants and members through identity-service's own API, against the real Keycloak. */
public final class IdentityMother {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc;

    public IdentityMother(MockMvc mvc) {
        this.mvc = mvc;
    }

    public static RequestPostProcessor platformAdmin() {
        return authentication(authenticationOf(keycloakJwt("root-id", null, "platform-admin")));
    }

    public static RequestPostProcessor as(String memberId, String tenant, String... roles) {
        return authentication(authenticationOf(keycloakJwt(memberId, List.of(tenant), roles)));
    }

    /** A new tenant with a unique alias. */
    public String tenant() throws Exception {
        String alias = "t-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/tenants").with(platformAdmin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"alias\":\"" + alias + "\",\"name\":\"Tenant " + alias + "\",\"defaultLocale\":\"fr\"}"))
                .andExpect(status().isCreated());
        return alias;
    }

    /** A member who joined {@code tenant} by invitation; returns their member id (their Keycloak user id). */
    public String member(String tenant, String displayName, String role) throws Exception {
        return member(tenant, displayName, role, newEmail());
    }

    /** A fresh address for a new person. */
    public static String newEmail() {
        return "m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** The person with this email (new or already in another tenant) joins {@code tenant} by invitation. */
    public String member(String tenant, String displayName, String role, String email) throws Exception {
        String token = JSON.readTree(mvc.perform(post("/tenants/" + tenant + "/invitations").with(platformAdmin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("token").asString();
        return JSON.readTree(mvc.perform(post("/invitations/accept").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + token + "\",\"displayName\":\"" + displayName
                                + "\",\"password\":\"" + password(email) + "\",\"locale\":\"en\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("memberId").asString();
    }

    /** The password every member built here gets. */
    public static String password(String email) {
        return "pw-" + email.hashCode() + "-long-enough";
    }
}
