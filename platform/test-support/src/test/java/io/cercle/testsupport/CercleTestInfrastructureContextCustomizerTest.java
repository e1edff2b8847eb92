package io.cercle.testsupport;

import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A Spring Boot test with no infrastructure configuration at all gets real MongoDB, broker and SMTP. */
@SpringBootTest(properties = "spring.application.name=Inventory Service")
class CercleTestInfrastructureContextCustomizerTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class AnyService {
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    RabbitAdmin rabbitAdmin;
    @Autowired
    JavaMailSender mailSender;

    @Test
    void mongoTemplateUsesTheTestMongoWithADatabaseNamedAfterTheApplication() {
        mongo.save(new Document("_id", "item-1").append("tenantId", "tenant-a"), "items");

        assertThat(mongo.getDb().getName()).isEqualTo("inventory-service");
        assertThat(mongo.findAll(Document.class, "items")).extracting(d -> d.get("tenantId")).containsExactly("tenant-a");
    }

    @Test
    void rabbitTemplateSendsAndReceivesThroughTheTestBroker() {
        rabbitAdmin.declareQueue(new Queue(TestBusNames.queue("customizer-test"), false, false, true));

        rabbit.convertAndSend("", TestBusNames.queue("customizer-test"), "hello");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(rabbit.receiveAndConvert(TestBusNames.queue("customizer-test"))).isEqualTo("hello"));
        assertThat(rabbit.getConnectionFactory().getPort()).isEqualTo(TestBroker.get().port());
    }

    @Test
    void mailSenderDeliversToTheTestSmtpServer() throws Exception {
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom("noreply@cercle.test");
        mail.setTo("bob@tenant-a.cercle.test");
        mail.setSubject("Welcome");
        mail.setText("Welcome to Cercle");

        mailSender.send(mail);

        await().atMost(Duration.ofSeconds(5)).until(() -> TestSmtp.get().getReceivedMessages().length > 0);
        MimeMessage received = TestSmtp.get().getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Welcome");
        assertThat(received.getAllRecipients()[0]).hasToString("bob@tenant-a.cercle.test");
    }
}
