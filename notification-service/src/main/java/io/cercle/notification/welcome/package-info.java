/**
 * The first journey: a member who joins gets one welcome email, in their language, signed by their tenant — at
 * most once, however often the fact that they joined is delivered.
 */
package io.cercle.notification.welcome;
