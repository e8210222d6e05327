package io.consentledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** The mails a real SMTP server (GreenMail) received, by recipient, with their parts and links. */
public final class Mailbox {

    /** The links in mails point at the configured base URL, {@code consent.profile.base-url}'s default. */
    private static final String BASE_URL = "http://localhost:8080";

    private final GreenMailExtension smtp;

    public Mailbox(GreenMailExtension smtp) {
        this.smtp = smtp;
    }

    /** A port no other server on this machine listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SMTP server on the loopback interface at the given port. */
    public static ServerSetup smtpOn(int port) {
        return new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    }

    /** Every mail received for the address, oldest first. */
    public List<MimeMessage> to(String email) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                Address[] to = message.getRecipients(Message.RecipientType.TO);
                if (to != null
                        && Arrays.stream(to)
                                .anyMatch(address -> address.toString().equals(email))) {
                    mails.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    /** Waits until at least {@code count} mails arrived for the address, and returns them all. */
    public List<MimeMessage> awaitMails(String email, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> to(email).size() >= count);
        return to(email);
    }

    /** The text of the mail's part of the given type ({@code text/plain} or {@code text/html}). */
    public static String part(MimeMessage mail, String type) throws Exception {
        String found = find((MimeMultipart) mail.getContent(), type);
        if (found == null) {
            throw new AssertionError("No " + type + " part");
        }
        return found;
    }

    /** The path of the first link in the mail's text part that starts with {@code pathPrefix}, e.g. /privacy/confirm/. */
    public static String linkPath(MimeMessage mail, String pathPrefix) throws Exception {
        Matcher link = Pattern.compile(Pattern.quote(BASE_URL) + "(" + Pattern.quote(pathPrefix) + "[A-Za-z0-9_-]+)")
                .matcher(part(mail, "text/plain"));
        assertThat(link.find()).as("a link to " + pathPrefix + " in the mail").isTrue();
        return link.group(1);
    }

    private static String find(MimeMultipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var body = multipart.getBodyPart(i);
            if (body.isMimeType(type)) {
                return (String) body.getContent();
            }
            if (body.getContent() instanceof MimeMultipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
