package io.cercle.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server (GreenMail) in this JVM, shared by the tests of the JVM and started on first use on a free
 * port, without authentication. The Spring test hook points {@code spring.mail.host/port} at it, so a test reads
 * what a service sent with {@code TestSmtp.get().getReceivedMessages()} and clears it with
 * {@code TestSmtp.get().purgeEmailFromAllMailboxes()}. (A test that wants its own server per test can use
 * GreenMail's {@code GreenMailExtension} directly.)
 */
public final class TestSmtp {

    private static final Logger log = LoggerFactory.getLogger(TestSmtp.class);

    private TestSmtp() {
    }

    public static GreenMail get() {
        return Holder.SERVER;
    }

    public static String host() {
        return "localhost";
    }

    public static int port() {
        return get().getSmtp().getPort();
    }

    private static final class Holder {
        static final GreenMail SERVER = start();
    }

    private static GreenMail start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(Ports.free(), "localhost", ServerSetup.PROTOCOL_SMTP));
        greenMail.setUser("cercle", "cercle");
        greenMail.getManagers().getUserManager().setAuthRequired(false);
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "cercle-test-smtp-stop"));
        log.info("Cercle tests use SMTP: GreenMail at localhost:{}", greenMail.getSmtp().getPort());
        return greenMail;
    }
}
