package io.cercle.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.regex.Pattern;

/** Sends rendered emails through SMTP, from the configured sender address ({@code cercle.mail.from}). */
@Component
public class EmailSender {

    /** Line breaks and other control characters must never reach a header (header injection). */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final JavaMailSender mail;
    private final String from;
    private final Clock clock;

    EmailSender(JavaMailSender mail, @Value("${cercle.mail.from}") String from, Clock clock) {
        this.mail = mail;
        this.from = from;
        this.clock = clock;
    }

    /**
     * Sends one email as multipart/alternative (plain text first, then HTML, as RFC 2046 orders them).
     *
     * @throws MailException if it cannot be built or the SMTP server does not take it
     */
    public void send(String address, String name, RenderedEmail email) {
        MimeMessage message = mail.createMimeMessage();
        try {
            message.setFrom(new InternetAddress(from));
            var to = new InternetAddress(address, headerSafe(name), UTF_8);
            to.validate();
            message.setRecipient(MimeMessage.RecipientType.TO, to);
            message.setSubject(headerSafe(email.subject()), UTF_8);
            message.setSentDate(Date.from(clock.instant()));
            var text = new MimeBodyPart();
            text.setText(email.text(), UTF_8, "plain");
            var html = new MimeBodyPart();
            html.setText(email.html(), UTF_8, "html");
            var alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            message.setContent(alternatives);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("Could not build the email", e);
        }
        mail.send(message);
    }

    private static String headerSafe(String value) {
        return value == null ? null : CONTROL.matcher(value).replaceAll(" ").strip();
    }
}
