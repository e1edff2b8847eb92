/**
 * The members this service writes to: address, name and language, a read model fed by identity's member events
 * and forgotten when a member is erased.
 */
package io.cercle.notification.recipient;
