package io.cercle.notification.recipient;

import io.cercle.notification.IdentityBus;
import io.cercle.notification.NotificationServiceTest;
import io.cercle.notification.delivery.Delivery;
import io.cercle.notification.delivery.DeliveryLog;
import io.cercle.notification.tenant.TenantDirectory;
import io.cercle.notification.tenant.TenantProfile;
import io.cercle.testsupport.TestSmtp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.cercle.notification.IdentityBus.invitationCreated;
import static io.cercle.notification.IdentityBus.memberErased;
import static io.cercle.notification.IdentityBus.memberJoined;
import static io.cercle.notification.IdentityBus.profileUpdated;
import static io.cercle.notification.IdentityBus.tenantCreated;
import static io.cercle.notification.IdentityBus.tenantUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class RecipientsFromIdentityEventsTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    JsonMapper json;
    @Autowired
    RecipientDirectory recipients;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    DeliveryLog deliveries;
    @Autowired
    MongoTemplate mongo;

    private IdentityBus bus;
    private String tenant;
    private String member;

    @BeforeEach
    void aFreshTenantAndMember() {
        bus = new IdentityBus(rabbit, json);
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        member = UUID.randomUUID().toString();
    }

    @Test
    void aMemberWhoJoinedBecomesARecipientOfTheirTenant() {
        bus.publish(memberJoined(tenant, member, "ada@example.test", "Ada", "en"));

        Recipient recipient = await().atMost(BOUND).until(() -> recipients.find(tenant, member).orElse(null),
                found -> found != null);
        assertThat(recipient.tenantId()).isEqualTo(tenant);
        assertThat(recipient.email()).isEqualTo("ada@example.test");
        assertThat(recipient.displayName()).isEqualTo("Ada");
        assertThat(recipient.locale()).isEqualTo("en");
        assertThat(recipients.find("another-tenant", member)).isEmpty();
    }

    @Test
    void aProfileUpdateChangesTheRecipientsNameAndLocaleButNotTheAddress() {
        bus.publish(memberJoined(tenant, member, "ada@example.test", "Ada", "en"));
        await().atMost(BOUND).until(() -> recipients.find(tenant, member).isPresent());

        bus.publish(profileUpdated(tenant, member, "Ada L.", "fr"));

        Recipient updated = await().atMost(BOUND).until(() -> recipients.find(tenant, member).orElseThrow(),
                found -> found.displayName().equals("Ada L."));
        assertThat(updated.locale()).isEqualTo("fr");
        assertThat(updated.email()).isEqualTo("ada@example.test");
    }

    @Test
    void anErasedMemberIsForgottenAndTheirDeliveriesAreAnonymisedButStillCounted() {
        bus.publish(memberJoined(tenant, member, "ada-" + member + "@example.test", "Ada Lovelace", "en"));
        await().atMost(BOUND).until(() -> recipients.find(tenant, member).isPresent()
                && deliveries.find(tenant, member, "welcome").map(Delivery::status).orElse(null)
                == Delivery.Status.SENT);

        bus.publish(memberErased(tenant, member));

        Delivery anonymised = await().atMost(BOUND).until(
                () -> deliveries.find(tenant, member, "welcome").orElseThrow(), found -> found.anonymisedAt() != null);
        assertThat(anonymised.address()).isNull();
        assertThat(anonymised.recipientName()).isNull();
        assertThat(anonymised.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(recipients.find(tenant, member)).isEmpty();
        var raw = mongo.find(Query.query(Criteria.where("tenantId").is(tenant)), org.bson.Document.class,
                "deliveries");
        assertThat(raw).hasSize(1);
        assertThat(raw.getFirst().toJson()).doesNotContain("ada-").doesNotContain("Lovelace");
    }

    @Test
    void erasingAMemberAlsoDropsTheirAddressFromTheInvitationEmailSentBeforeTheyJoined() {
        String address = "grace-" + member + "@example.test";
        String invitation = UUID.randomUUID().toString();
        bus.publish(invitationCreated(tenant, invitation, address, "member", "en",
                "https://cercle.example.com/accept?token=", Instant.now().plus(Duration.ofDays(7))));
        await().atMost(BOUND).until(() -> deliveries.find(tenant, "invitation:" + invitation, "invitation")
                .map(Delivery::status).orElse(null) == Delivery.Status.SENT);
        bus.publish(memberJoined(tenant, member, address, "Grace Hopper", "en"));
        await().atMost(BOUND).until(() -> recipients.find(tenant, member).isPresent()
                && deliveries.find(tenant, member, "welcome").map(Delivery::status).orElse(null) == Delivery.Status.SENT);

        bus.publish(memberErased(tenant, member));

        Delivery invitationEmail = await().atMost(BOUND).until(
                () -> deliveries.find(tenant, "invitation:" + invitation, "invitation").orElseThrow(),
                found -> found.anonymisedAt() != null);
        assertThat(invitationEmail.address()).isNull();
        assertThat(invitationEmail.status()).isEqualTo(Delivery.Status.SENT);
        await().atMost(BOUND).until(() -> recipients.find(tenant, member).isEmpty());
        var raw = mongo.find(Query.query(Criteria.where("tenantId").is(tenant)), org.bson.Document.class, "deliveries");
        assertThat(raw).isNotEmpty().allSatisfy(record -> assertThat(record.toJson()).doesNotContain("grace-"));
    }

    @Test
    void aJoinHandledAfterTheErasureBringsNothingBackAndSendsNothing() {
        String address = "late-" + member + "@example.test";
        bus.publish(memberErased(tenant, member));
        await().atMost(BOUND).until(() -> recipients.wasErased(tenant, member));

        bus.publish(memberJoined(tenant, member, address, "Late Joiner", "en"));
        String marker = "marker-" + member + "@example.test";
        bus.publish(memberJoined(tenant, "marker-" + member, marker, "Marker", "en"));

        // Each queue is consumed in order: once the marker is applied and welcomed, the late join was handled too.
        await().atMost(BOUND).until(() -> recipients.find(tenant, "marker-" + member).isPresent()
                && deliveries.find(tenant, "marker-" + member, "welcome").map(Delivery::status).orElse(null)
                == Delivery.Status.SENT);
        assertThat(recipients.find(tenant, member)).isEmpty();
        assertThat(deliveries.find(tenant, member, "welcome")).isEmpty();
        assertThat(TestSmtp.get().getReceivedMessages()).noneSatisfy(mail ->
                assertThat(mail.getAllRecipients()[0].toString()).contains(address));
    }

    @Test
    void aTenantUpdateRenamesTheTenantThatSignsEmails() {
        bus.publish(tenantCreated(tenant, "Acme", "fr"));
        await().atMost(BOUND).until(() -> tenants.find(tenant).isPresent());

        bus.publish(tenantUpdated(tenant, "Acme Group", "en"));

        await().atMost(BOUND).until(() -> tenants.find(tenant).orElseThrow(),
                profile -> profile.equals(new TenantProfile(tenant, "Acme Group", "en")));
    }
}
