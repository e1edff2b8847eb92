package io.cercle.notification.invitation;

import io.cercle.notification.IdentityBus;

import io.cercle.notification.NotificationServiceTest;
import io.cercle.notification.Traces;
import io.cercle.notification.delivery.Delivery;
import io.cercle.notification.delivery.DeliveryLog;
import io.cercle.notification.tenant.TenantDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.cercle.notification.IdentityBus.invitationCreated;
import static io.cercle.notification.IdentityBus.tenantCreated;
import static io.cercle.notification.Mailbox.html;
import static io.cercle.notification.Mailbox.mailsTo;
import static io.cercle.notification.Mailbox.structure;
import static io.cercle.notification.Mailbox.text;
import static io.cercle.notification.Mailbox.theOnlyMailTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
@ExtendWith(OutputCaptureExtension.class)
class InvitationEmailTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Instant EXPIRES_AT = Instant.parse("2026-12-03T14:30:00Z");

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    JsonMapper json;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    DeliveryLog deliveries;
    @Autowired
    MeterRegistry meters;

    private IdentityBus bus;
    private String tenant;

    @BeforeEach
    void aFreshTenant() {
        bus = new IdentityBus(rabbit, json);
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aFrenchInvitationIsInFrenchWithTheAcceptLinkAndTheExpirySignedByTheTenant(CapturedOutput output)
            throws Exception {
        knownTenant("Atelier Dupont", "en");
        String address = address();
        String token = token();
        String invitation = invitationId();

        bus.publish(invitationCreated(tenant, invitation, address, "member", "fr", acceptUrl(token), EXPIRES_AT));

        MimeMessage mail = theOnlyMailTo(address, BOUND);
        assertThat(mail.getSubject()).isEqualTo("Invitation à rejoindre Atelier Dupont sur Cercle");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@cercle.local");
        // Built by MimeMessageHelper: plain text and HTML as alternatives, plain text first (RFC 2046).
        assertThat(structure(mail))
                .isEqualTo("multipart/mixed[multipart/related[multipart/alternative[text/plain, text/html]]]");
        assertThat(text(mail)).contains("Bonjour,").contains("l’espace Atelier Dupont sur Cercle")
                .contains(acceptUrl(token)).contains("Cette invitation expire le 3 décembre 2026, 14:30 UTC.")
                .contains("L’équipe Atelier Dupont").doesNotContain("administrat").doesNotContain("<p>")
                .contains("Pour accepter, connectez-vous à Cercle avec cette adresse, " + address + ".")
                .contains("Pas encore de compte ? Créez le vôtre avec cette même adresse");
        assertThat(html(mail)).contains("<html lang=\"fr\"")
                .contains("href=\"https://" + tenant + ".cercle.test/invitations/accept?token=" + token
                        + "&amp;lang=fr\"")
                .contains("Accepter l’invitation").contains("3 décembre 2026, 14:30 UTC")
                .contains("L’équipe Atelier Dupont").doesNotContain("administrat")
                .contains("connectez-vous à Cercle avec cette adresse, " + address + ". Pas encore de compte ?");
        Delivery delivery = deliveries.find(tenant, InvitationJourney.deliverySlot(invitation), "invitation")
                .orElseThrow();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(delivery.locale()).isEqualTo("fr");
        assertThat(delivery.toString()).doesNotContain(token);
        // The token in the link is a secret: the logs name the invitation, never its link.
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void anEnglishInvitationToAnAdministratorIsInEnglishAndSaysSo() throws Exception {
        knownTenant("Acme Corp", "fr");
        String address = address();
        String token = token();

        bus.publish(invitationCreated(tenant, invitationId(), address, "tenant_admin", "en", acceptUrl(token),
                EXPIRES_AT));

        MimeMessage mail = theOnlyMailTo(address, BOUND);
        assertThat(mail.getSubject()).isEqualTo("You are invited to join Acme Corp on Cercle");
        assertThat(text(mail)).contains("Hello,").contains("the Acme Corp space on Cercle")
                .contains("You will be an administrator of the space.").contains(acceptUrl(token))
                .contains("This invitation expires on December 3, 2026, 14:30 UTC.").contains("The Acme Corp team")
                .contains("To accept, sign in to Cercle with this address, " + address + ".")
                .contains("No account yet? Create yours with this same address (you will be asked to confirm it), "
                        + "then accept.");
        assertThat(html(mail)).contains("<html lang=\"en\"").contains("You will be an administrator of the space.")
                .contains("href=\"https://" + tenant + ".cercle.test/invitations/accept?token=" + token
                        + "&amp;lang=fr\"")
                .contains("Accept the invitation").contains("The Acme Corp team")
                .contains("sign in to Cercle with this address, " + address + ". No account yet?");
    }

    @Test
    void anInvitationOfATenantNotKnownYetIsSignedWithTheTenantId() throws Exception {
        String address = address();

        bus.publish(invitationCreated(tenant, invitationId(), address, "member", "en", acceptUrl(token()),
                EXPIRES_AT));

        MimeMessage mail = theOnlyMailTo(address, BOUND);
        assertThat(mail.getSubject()).isEqualTo("You are invited to join " + tenant + " on Cercle");
        assertThat(text(mail)).contains("The " + tenant + " team");
    }

    @Test
    void anHtmlSpecialTenantNameIsEscapedInTheHtmlPart() throws Exception {
        knownTenant("Acme <Corp> & \"Co\"", "en");
        String address = address();

        bus.publish(invitationCreated(tenant, invitationId(), address, "member", "en", acceptUrl(token()),
                EXPIRES_AT));

        MimeMessage mail = theOnlyMailTo(address, BOUND);
        assertThat(mail.getSubject()).isEqualTo("You are invited to join Acme <Corp> & \"Co\" on Cercle");
        assertThat(html(mail)).contains("The Acme &lt;Corp&gt; &amp; &quot;Co&quot; team")
                .contains("<title>You are invited to join Acme &lt;Corp&gt; &amp; &quot;Co&quot; on Cercle</title>")
                .doesNotContain("<Corp>");
    }

    @Test
    void theSameInvitationCreatedDeliveredTwiceSendsOneEmail() throws Exception {
        knownTenant("Acme Corp", "en");
        String address = address();
        String invitation = invitationId();
        byte[] envelope = bus.bytes(invitationCreated(tenant, invitation, address, "member", "en",
                acceptUrl(token()), EXPIRES_AT));
        double duplicatesBefore = counter("cercle.events.duplicates", "consumer", "invitation-email");

        bus.publish("identity.invitation.created", envelope);
        bus.publish("identity.invitation.created", envelope);
        // Publishes may take different channels, so wait on this invitation's own traces, not on a later marker.
        await().atMost(BOUND).until(() -> invitationsApplied(invitation) == 1
                && counter("cercle.events.duplicates", "consumer", "invitation-email") >= duplicatesBefore + 1);

        assertThat(mailsTo(address)).hasSize(1);
        assertThat(counter("cercle.events.duplicates", "consumer", "invitation-email"))
                .isGreaterThanOrEqualTo(duplicatesBefore + 1);
        assertThat(deliveries.find(tenant, InvitationJourney.deliverySlot(invitation), "invitation")).get()
                .extracting(Delivery::status).isEqualTo(Delivery.Status.SENT);
    }

    @Test
    void twoEventsForTheSameInvitationSendOneEmail() throws Exception {
        knownTenant("Acme Corp", "en");
        String address = address();
        String invitation = invitationId();
        double notSentAgainBefore = invitationEmails("duplicate");

        bus.publish(invitationCreated(tenant, invitation, address, "member", "en", acceptUrl(token()), EXPIRES_AT));
        bus.publish(invitationCreated(tenant, invitation, address, "member", "en", acceptUrl(token()), EXPIRES_AT));
        await().atMost(BOUND).until(() -> invitationsApplied(invitation) == 2);

        assertThat(mailsTo(address)).hasSize(1);
        assertThat(invitationEmails("duplicate")).isGreaterThanOrEqualTo(notSentAgainBefore + 1);
    }

    @Autowired
    MongoTemplate mongo;

    private long invitationsApplied(String invitation) {
        return Traces.applied(mongo, "invitation-email", invitation);
    }

    private void knownTenant(String name, String defaultLocale) {
        bus.publish(tenantCreated(tenant, name, defaultLocale));
        await().atMost(BOUND).until(() -> tenants.find(tenant).isPresent());
    }

    private String acceptUrl(String token) {
        return "https://" + tenant + ".cercle.test/invitations/accept?token=" + token + "&lang=fr";
    }

    private static String token() {
        return "secret-" + UUID.randomUUID();
    }

    private static String invitationId() {
        return UUID.randomUUID().toString();
    }

    private static String address() {
        return "invitee-" + UUID.randomUUID() + "@example.test";
    }

    private double invitationEmails(String outcome) {
        // This template's own counter: other templates count under the same name.
        return Traces.counter(meters, "cercle.notifications.emails", "template", "invitation", "outcome", outcome);
    }

    private double counter(String name, String tag, String value) {
        return Traces.counter(meters, name, tag, value);
    }

}
