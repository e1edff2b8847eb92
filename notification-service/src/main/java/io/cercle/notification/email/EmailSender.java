package io.cercle.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.regex.Pattern;

/** Sends rendered emails through SMTP, from the configured sender address ({@link EmailProperties#from()}). */
@Component
public class EmailSender {

    /** Line breaks and other control characters must never reach a header (header injection). */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final JavaMailSender mail;
    private final String from;
    private final Clock clock;

    EmailSender(JavaMailSender mail, EmailProperties properties, Clock clock) {
        this.mail = mail;
        this.from = properties.from();
        this.clock = clock;
    }

    /**
     * Sends one email with a plain-text and an HTML alternative (plain text first, as RFC 2046 orders them), built
     * by Spring's {@link MimeMessageHelper} in its default multipart mode: {@code multipart/mixed} holding
     * {@code multipart/related} holding {@code multipart/alternative}, so that attachments and inline images can be
     * added later without changing the structure clients already render.
     *
     * @throws MailException if it cannot be built or the SMTP server does not take it
     */
    public void send(String address, String name, RenderedEmail email) {
        MimeMessage message = mail.createMimeMessage();
        try {
            var helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, UTF_8);
            helper.setFrom(from);
            var to = new InternetAddress(address, headerSafe(name), UTF_8);
            to.validate();
            helper.setTo(to);
            helper.setSubject(headerSafe(email.subject()));
            helper.setSentDate(Date.from(clock.instant()));
            helper.setText(email.text(), email.html());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("Could not build the email", e);
        }
        mail.send(message);
    }

    private static String headerSafe(String value) {
        return value == null ? null : CONTROL.matcher(value).replaceAll(" ").strip();
    }
}
