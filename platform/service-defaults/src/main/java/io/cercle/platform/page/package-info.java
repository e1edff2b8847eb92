/**
 * Paginated lists, the same in every service: the page shape ({@link io.cercle.platform.page.Page}: {@code items},
 * {@code next}) and the one cursor format, bound to a list and a tenant ({@link io.cercle.platform.page.KeysetList}).
 */
package io.cercle.platform.page;
