/**
 * Email as a channel: renders a notification's Thymeleaf templates (HTML and plain text) in the recipient's
 * language and sends them through SMTP (Spring Mail). It knows nothing of why an email is sent.
 */
package io.cercle.notification.email;
