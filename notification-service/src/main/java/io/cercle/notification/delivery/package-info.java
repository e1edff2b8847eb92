/**
 * The delivery log: one record per (tenant, member, notification key), written before anything is sent so that a
 * notification goes out at most once, and read by tenant admins ({@code GET /deliveries}).
 */
package io.cercle.notification.delivery;
