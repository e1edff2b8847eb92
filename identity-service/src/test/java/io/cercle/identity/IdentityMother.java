package io.cercle.identity;

import io.cercle.testsupport.TestKeycloak;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import static io.cercle.platform.security.test.Tokens.authenticationOf;
import static io.cercle.platform.security.test.Tokens.keycloakJwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Builds tenants and members the way people get there: a tenant through the API, a person's account the way
 * Keycloak's registration makes it (verified email, through the admin client), an invitation through the API,
 * its token read where the invitee reads it (the link in InvitationCreated), and the acceptance signed in as them.
 */
public final class IdentityMother {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc;
    private final Keycloak keycloak;
    private final EventTap invitations;

    public IdentityMother(MockMvc mvc, Keycloak keycloak, RabbitAdmin admin, RabbitTemplate rabbit) {
        this.mvc = mvc;
        this.keycloak = keycloak;
        this.invitations = EventTap.on(admin, rabbit, "identity.invitation.created");
    }

    /** Someone with a Keycloak account: its id (the token subject), its email and password. */
    public record Person(String id, String email, String password) {
    }

    public static RequestPostProcessor platformAdmin() {
        return authentication(authenticationOf(keycloakJwt("root-id", null, "platform-admin")));
    }

    public static RequestPostProcessor as(String memberId, String tenant, String... roles) {
        return authentication(authenticationOf(keycloakJwt(memberId, List.of(tenant), roles)));
    }

    /** Signed in as {@code person}, in no tenant yet (just registered), their email verified. */
    public static RequestPostProcessor signedInAs(Person person) {
        return signedIn(keycloakJwt(person.id(), null), person.email(), true);
    }

    /** Signed in as {@code person}, whose token names {@code tenant} with these roles, their email verified. */
    public static RequestPostProcessor signedInAs(Person person, String tenant, String... roles) {
        return signedIn(keycloakJwt(person.id(), List.of(tenant), roles), person.email(), true);
    }

    /** A token like {@code base} that also says which address the account has and whether Keycloak verified it. */
    public static RequestPostProcessor signedIn(Jwt base, String email, boolean emailVerified) {
        var claims = new HashMap<>(base.getClaims());
        claims.put("email", email);
        claims.put("email_verified", emailVerified);
        return authentication(authenticationOf(new Jwt(base.getTokenValue(), base.getIssuedAt(), base.getExpiresAt(),
                base.getHeaders(), claims)));
    }

    /** A new tenant with a unique alias. */
    public String tenant() throws Exception {
        return tenant(mvc);
    }

    /** A new tenant with a unique alias, for tests that need no people (no Keycloak accounts, no bus). */
    public static String tenant(MockMvc mvc) throws Exception {
        String alias = "t-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/tenants").with(platformAdmin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"alias\":\"" + alias + "\",\"name\":\"Tenant " + alias + "\",\"defaultLocale\":\"fr\"}"))
                .andExpect(status().isCreated());
        return alias;
    }

    /** Someone who registered in Keycloak with a verified address, in no tenant yet. */
    public Person person(String displayName) {
        return person(displayName, true);
    }

    /** Someone who registered in Keycloak, as its registration makes them (verified or not yet). */
    public Person person(String displayName, boolean emailVerified) {
        String email = "m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(emailVerified);
        user.setEnabled(true);
        // Keycloak's default user profile requires both names, else sign-in stops at "account not fully set up".
        int space = displayName.lastIndexOf(' ');
        user.setFirstName(space > 0 ? displayName.substring(0, space) : displayName);
        user.setLastName(space > 0 ? displayName.substring(space + 1) : displayName);
        var credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password(email));
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (var response = keycloak.realm(TestKeycloak.get().realm()).users().create(user)) {
            return new Person(CreatedResponseUtil.getCreatedId(response), email, password(email));
        }
    }

    /** A platform admin's invitation of {@code email} to {@code tenant}; returns the invitation id. */
    public String invite(String tenant, String email, String role) throws Exception {
        return JSON.readTree(mvc.perform(post("/tenants/" + tenant + "/invitations").with(platformAdmin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
    }

    /** The token of an invitation, as its invitee finds it: in the link InvitationCreated carries to their mailbox. */
    public String tokenOf(String invitationId) {
        String acceptUrl = invitations.awaitEvent("identity.invitation.created", invitationId)
                .at("/data/acceptUrl").asString();
        return URLDecoder.decode(acceptUrl.substring(acceptUrl.indexOf("token=") + "token=".length()),
                StandardCharsets.UTF_8);
    }

    /** A person who registered and joined {@code tenant} by invitation. */
    public Person joined(String tenant, String displayName, String role) throws Exception {
        Person person = person(displayName);
        join(tenant, person, displayName, role);
        return person;
    }

    /** The person (new, or already in another tenant) accepts an invitation to {@code tenant}, signed in. */
    public void join(String tenant, Person person, String displayName, String role) throws Exception {
        String token = tokenOf(invite(tenant, person.email(), role));
        mvc.perform(post("/invitations/accept").with(signedInAs(person)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + token + "\",\"displayName\":\"" + displayName
                                + "\",\"locale\":\"en\"}"))
                .andExpect(status().isOk());
    }

    /** A member who joined {@code tenant} by invitation; returns their member id (their Keycloak user id). */
    public String member(String tenant, String displayName, String role) throws Exception {
        return joined(tenant, displayName, role).id();
    }

    /** The password every person built here gets. */
    public static String password(String email) {
        return "pw-" + email.hashCode() + "-long-enough";
    }
}
