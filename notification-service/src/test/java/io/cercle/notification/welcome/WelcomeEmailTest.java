package io.cercle.notification.welcome;

import io.cercle.notification.IdentityBus;

import io.cercle.notification.NotificationServiceTest;
import io.cercle.notification.Traces;
import io.cercle.notification.delivery.Delivery;
import io.cercle.notification.delivery.DeliveryLog;
import io.cercle.notification.tenant.TenantDirectory;
import io.cercle.testsupport.Ports;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static io.cercle.notification.IdentityBus.memberJoined;
import static io.cercle.notification.IdentityBus.tenantCreated;
import static io.cercle.notification.Mailbox.html;
import static io.cercle.notification.Mailbox.mailsTo;
import static io.cercle.notification.Mailbox.structure;
import static io.cercle.notification.Mailbox.text;
import static io.cercle.notification.Mailbox.theOnlyMailTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class WelcomeEmailTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

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
    @Autowired
    JavaMailSenderImpl mailSender;

    private IdentityBus bus;
    private String tenant;
    private int smtpPort;

    @BeforeEach
    void aFreshTenant() {
        bus = new IdentityBus(rabbit, json);
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        smtpPort = mailSender.getPort();
    }

    @AfterEach
    void smtpIsBack() {
        mailSender.setPort(smtpPort);
    }

    @Test
    void aFrenchMemberIsWelcomedInFrenchWithHtmlAndTextSignedByTheTenant() throws Exception {
        knownTenant("Atelier Dupont", "en");
        String address = address();

        bus.publish(memberJoined(tenant, memberId(), address, "Zoé Martin", "fr"));

        MimeMessage mail = theOnlyMailTo(address, BOUND);
        assertThat(mail.getSubject()).isEqualTo("Bienvenue dans l’espace Atelier Dupont");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@cercle.local");
        assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Zoé Martin");
        // Built by MimeMessageHelper: plain text and HTML as alternatives, plain text first (RFC 2046).
        assertThat(structure(mail))
                .isEqualTo("multipart/mixed[multipart/related[multipart/alternative[text/plain, text/html]]]");
        assertThat(text(mail)).contains("Bonjour Zoé Martin,").contains("L’équipe Atelier Dupont")
                .doesNotContain("<p>");
        assertThat(html(mail)).contains("Bonjour Zoé Martin,").contains("L’équipe Atelier Dupont")
                .contains("<html lang=\"fr\"")
                // The head and body style come from the shared layout (templates/email/layout.html).
                .contains("<title>Bienvenue dans l’espace Atelier Dupont</title>")
                .contains("<body style=\"font-family: sans-serif;");
    }

    @Test
    void anEnglishMemberIsWelcomedInEnglishEvenInAFrenchSpeakingTenant() throws Exception {
        knownTenant("Acme Corp", "fr");
        String address = address();

        bus.publish(memberJoined(tenant, memberId(), address, "Ada Lovelace", "en"));

        MimeMessage mail = theOnlyMailTo(address, BOUND);
        assertThat(mail.getSubject()).isEqualTo("Welcome to the Acme Corp space");
        assertThat(text(mail)).contains("Hello Ada Lovelace,").contains("The Acme Corp team");
        assertThat(html(mail)).contains("Hello Ada Lovelace,").contains("The Acme Corp team");
    }

    @Test
    void aMemberWithoutASpokenLocaleIsWelcomedInTheTenantsDefaultLanguage() throws Exception {
        knownTenant("Acme Corp", "en");
        String address = address();

        bus.publish(memberJoined(tenant, memberId(), address, "Ada", "de"));

        assertThat(theOnlyMailTo(address, BOUND).getSubject()).isEqualTo("Welcome to the Acme Corp space");
        assertThat(deliveries.find(tenant, lastMember, "welcome")).get().extracting(Delivery::locale)
                .isEqualTo("en");
    }

    @Test
    void aMemberOfATenantNotKnownYetIsWelcomedInFrenchSignedWithTheTenantId() throws Exception {
        String address = address();

        bus.publish(memberJoined(tenant, memberId(), address, "Zoé", null));

        MimeMessage mail = theOnlyMailTo(address, BOUND);
        assertThat(mail.getSubject()).isEqualTo("Bienvenue dans l’espace " + tenant);
        assertThat(text(mail)).contains("L’équipe " + tenant);
    }

    @Test
    void anHtmlSpecialDisplayNameIsEscapedInTheHtmlPart() throws Exception {
        knownTenant("Acme <Corp> & Co", "en");
        String address = address();

        bus.publish(memberJoined(tenant, memberId(), address, "<script>alert(\"x\")</script> & Bob", "en"));

        String html = html(theOnlyMailTo(address, BOUND));
        assertThat(html).contains("Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Bob,")
                .contains("The Acme &lt;Corp&gt; &amp; Co team")
                .doesNotContain("<script>").doesNotContain("<Corp>");
    }

    @Test
    void theSameMemberJoinedDeliveredTwiceSendsOneEmail() throws Exception {
        knownTenant("Acme Corp", "en");
        String address = address();
        byte[] envelope = bus.bytes(memberJoined(tenant, memberId(), address, "Ada", "en"));
        double duplicatesBefore = counter("cercle.events.duplicates", "consumer", "welcome-email");

        bus.publish("identity.member.joined", envelope);
        bus.publish("identity.member.joined", envelope);
        // Publishes may take different channels, so wait on this member's own traces, not on a later marker.
        await().atMost(BOUND).until(() -> welcomesApplied(lastMember) == 1
                && counter("cercle.events.duplicates", "consumer", "welcome-email") >= duplicatesBefore + 1);

        assertThat(mailsTo(address)).hasSize(1);
        assertThat(counter("cercle.events.duplicates", "consumer", "welcome-email"))
                .isGreaterThanOrEqualTo(duplicatesBefore + 1);
        assertThat(deliveries.find(tenant, lastMember, "welcome")).get().extracting(Delivery::status)
                .isEqualTo(Delivery.Status.SENT);
    }

    @Test
    void twoJoinEventsForTheSameMemberSendOneEmail() throws Exception {
        knownTenant("Acme Corp", "en");
        String address = address();
        String member = memberId();
        double notSentAgainBefore = emails("duplicate");

        bus.publish(memberJoined(tenant, member, address, "Ada", "en"));
        bus.publish(memberJoined(tenant, member, address, "Ada", "en"));
        // Two event ids: both are applied (the second finds the welcome already claimed).
        await().atMost(BOUND).until(() -> welcomesApplied(member) == 2);

        assertThat(mailsTo(address)).hasSize(1);
        assertThat(emails("duplicate")).isGreaterThanOrEqualTo(notSentAgainBefore + 1);
    }

    @Test
    void whenSmtpIsDownTheDeliveryIsFailedAndNeverAttemptedAgain() throws Exception {
        knownTenant("Acme Corp", "en");
        String address = address();
        String member = memberId();
        double failedBefore = emails("failed");
        double notSentAgainBefore = emails("duplicate");
        double handlerFailuresBefore = counter("cercle.events.failures", "consumer", "welcome-email");
        mailSender.setPort(Ports.free()); // nothing listens there: connection refused, as with a server down

        bus.publish(memberJoined(tenant, member, address, "Ada", "en"));

        Delivery failed = await().atMost(BOUND).until(() -> deliveries.find(tenant, member, "welcome").orElse(null),
                delivery -> delivery != null && delivery.status() == Delivery.Status.FAILED);
        assertThat(failed.failure()).isEqualTo("MailSendException").doesNotContain(address);
        assertThat(emails("failed")).isGreaterThanOrEqualTo(failedBefore + 1);
        // The handler did not throw: no binder retries, no dead letter, no crash loop.
        assertThat(counter("cercle.events.failures", "consumer", "welcome-email")).isEqualTo(handlerFailuresBefore);

        mailSender.setPort(smtpPort);
        bus.publish(memberJoined(tenant, member, address, "Ada", "en"));
        bothWereHandled();

        assertThat(mailsTo(address)).isEmpty();
        assertThat(emails("duplicate")).isGreaterThanOrEqualTo(notSentAgainBefore + 1);
        assertThat(deliveries.find(tenant, member, "welcome")).get().isEqualTo(failed);
    }

    private String lastMember;

    @Autowired
    MongoTemplate mongo;

    private long welcomesApplied(String member) {
        return Traces.applied(mongo, "welcome-email", member);
    }

    /**
     * One consumer takes the welcome queue in order: once a join published after ours has been mailed, ours were
     * handled too. (Counters alone could be moved by other events left on a durable queue of the local broker.)
     */
    private void bothWereHandled() throws Exception {
        String marker = address();
        bus.publish(memberJoined(tenant, UUID.randomUUID().toString(), marker, "Marker", "en"));
        theOnlyMailTo(marker, BOUND);
    }

    private String memberId() {
        lastMember = UUID.randomUUID().toString();
        return lastMember;
    }

    private void knownTenant(String name, String defaultLocale) {
        bus.publish(tenantCreated(tenant, name, defaultLocale));
        await().atMost(BOUND).until(() -> tenants.find(tenant).isPresent());
    }

    private static String address() {
        return "member-" + UUID.randomUUID() + "@example.test";
    }

    /** The welcome's own counter: other templates count under the same name. */
    private double emails(String outcome) {
        // This template's own counter: other templates count under the same name.
        return Traces.counter(meters, "cercle.notifications.emails", "template", "welcome", "outcome", outcome);
    }

    private double counter(String name, String tag, String value) {
        return Traces.counter(meters, name, tag, value);
    }

}
