package io.cercle.notification;

import io.cercle.testsupport.TestSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

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

    /**
     * The MIME tree of a mail, content types only (no parameters), e.g.
     * {@code multipart/mixed[multipart/related[multipart/alternative[text/plain, text/html]]]}.
     */
    public static String structure(MimeMessage mail) throws MessagingException, IOException {
        return structure(mail.getContentType(), mail.getContent());
    }

    private static String structure(String contentType, Object content) throws MessagingException, IOException {
        String type = contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!(content instanceof Multipart multipart)) {
            return type;
        }
        var parts = new java.util.ArrayList<String>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            parts.add(structure(part.getContentType(), part.getContent()));
        }
        return type + "[" + String.join(", ", parts) + "]";
    }

    /** The first part of that type, however deep the multiparts nest it. */
    private static String part(MimeMessage mail, String type) throws MessagingException, IOException {
        String found = find(mail.getContent(), type);
        if (found == null) {
            throw new AssertionError("no " + type + " part in " + mail.getContentType());
        }
        return found;
    }

    private static String find(Object content, String type) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String found = part.isMimeType(type) ? (String) part.getContent() : find(part.getContent(), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
