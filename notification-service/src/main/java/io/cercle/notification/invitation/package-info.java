/**
 * The invitation journey: someone invited to a tenant gets one invitation email, in the invitation's language,
 * signed by the tenant, with the link to accept it — at most once per invitation, however often the fact that it
 * was created is delivered.
 */
package io.cercle.notification.invitation;
