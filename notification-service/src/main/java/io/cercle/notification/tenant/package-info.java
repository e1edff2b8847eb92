/** The tenants this service writes for, as identity events describe them. */
package io.cercle.notification.tenant;
