/** The {@code /session} endpoint every service answers: the caller as the verified token describes them. */
package io.cercle.platform.session;
