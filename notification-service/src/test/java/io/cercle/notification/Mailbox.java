package io.cercle.notification;

import io.cercle.testsupport.TestSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the test SMTP server (GreenMail) received, read the way the email tests need it. */
public final class Mailbox {

    private Mailbox() {
    }

    public static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(TestSmtp.get().getReceivedMessages()).filter(mail -> {
            try {
                return Arrays.stream(mail.getAllRecipients())
                        .anyMatch(to -> ((InternetAddress) to).getAddress().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits (within {@code bound}) for mail to {@code address} and checks there is exactly one. */
    public static MimeMessage theOnlyMailTo(String address, Duration bound) {
        await().atMost(bound).until(() -> !mailsTo(address).isEmpty());
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    public static String text(MimeMessage mail) throws MessagingException, IOException {
        return part(mail, "text/plain");
    }

    public static String html(MimeMessage mail) throws MessagingException, IOException {
        return part(mail, "text/html");
    }

    private static String part(MimeMessage mail, String type) throws MessagingException, IOException {
        var alternatives = (MimeMultipart) mail.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            BodyPart part = alternatives.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part in " + mail.getContentType());
    }
}
